/** What a setting is for and, where its default needs words, what the default means (the README table reads this). */
export interface SettingDoc {
  name: string;
  description: string;
  /** Shown instead of the value the class starts with: for settings without one, or whose default depends on others. */
  defaultText?: string;
}

const DOCS = new Map<object, SettingDoc[]>();

/**
 * Documents one setting of a configuration class. Every setting carries one: the loader reads exactly the
 * described names from the environment, and the README's configuration table is generated from them.
 */
export function Describe(description: string, defaultText?: string): PropertyDecorator {
  return (target, key) => {
    const owner = target.constructor;
    const list = DOCS.get(owner) ?? [];
    list.push({ name: String(key), description, ...(defaultText ? { defaultText } : {}) });
    DOCS.set(owner, list);
  };
}

/** The described settings of a class, in declaration order. */
export function settingDocs(owner: object): readonly SettingDoc[] {
  return DOCS.get(owner) ?? [];
}
