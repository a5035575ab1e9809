/** The lifecycle of an instrument, in the order it normally runs (DESIGN.md section 2). */
export const STAGES = ['DRAFTING', 'CONSULTATION', 'CONSOLIDATION', 'EXPERTS_MEETING', 'GB_SUBMISSION', 'DECIDED', 'WITHDRAWN'] as const;
export type Stage = (typeof STAGES)[number];

/** How a stage is named for people (the desk, papers). */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  DRAFTING: 'Drafting',
  CONSULTATION: 'Consultation',
  CONSOLIDATION: 'Consolidation',
  EXPERTS_MEETING: 'Experts’ meeting',
  GB_SUBMISSION: 'Governing Body submission',
  DECIDED: 'Decided',
  WITHDRAWN: 'Withdrawn',
};

/** Stages with no way out. */
export const TERMINAL_STAGES: readonly Stage[] = ['DECIDED', 'WITHDRAWN'];

export function isStage(value: unknown): value is Stage {
  return (STAGES as readonly unknown[]).includes(value);
}

export function isTerminalStage(stage: Stage): boolean {
  return TERMINAL_STAGES.includes(stage);
}
