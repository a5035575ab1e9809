/** Something that stops an action, said so a person knows what to do (contract type Blocker). */
export interface Blocker {
  code: string;
  message: string;
}

export function blocker(code: string, message: string): Blocker {
  return { code, message };
}

/** "1 comment has", "3 comments have". */
export function countOf(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
