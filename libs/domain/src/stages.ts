/** The lifecycle of an instrument, in the order it normally runs (DESIGN.md section 2). */
export const STAGES = ['DRAFTING', 'CONSULTATION', 'CONSOLIDATION', 'EXPERTS_MEETING', 'GB_SUBMISSION', 'DECIDED', 'WITHDRAWN'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages with no way out. */
export const TERMINAL_STAGES: readonly Stage[] = ['DECIDED', 'WITHDRAWN'];

export function isStage(value: unknown): value is Stage {
  return (STAGES as readonly unknown[]).includes(value);
}

export function isTerminalStage(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}
