import type { Language } from '@tripartite/domain';

export interface DemoTranslation {
  language: Language;
  file: string;
  /** The translation was made from an earlier wording of one guideline (the whole paragraph), edited since: it shows STALE. */
  madeFrom?: { number: string; paragraph: string };
}

export interface DemoInstrument {
  reference: string;
  title: string;
  summary: string;
  file: string;
  /** Imported in order, before the version is published. */
  translations?: DemoTranslation[];
}

export const DEMO_INSTRUMENTS = {
  mflm: {
    reference: 'MFLM/2026',
    title: 'Multilateral framework on labour migration: non-binding principles and guidelines for a rights-based approach',
    summary:
      'Principles and guidelines to help governments, employers and workers make labour migration fair and orderly, built around the plan of action adopted in 2004.',
    file: 'mflm-v1.md',
  },
  platform: {
    reference: 'PLAT/2026',
    title: 'Guidelines on decent work in the platform economy',
    summary: 'Guidance on the employment status, pay, algorithmic management and social protection of people who work through digital labour platforms.',
    file: 'second-instrument.md',
  },
  care: {
    reference: 'CARE/2026',
    title: 'Guidelines on decent work in the care economy',
    summary: 'Guidance on the recognition, pay, working time, safety and collective voice of care workers, paid and unpaid.',
    file: 'care-economy.md',
  },
  heat: {
    reference: 'HEAT/2026',
    title: 'Guidelines on protecting workers from heat stress',
    summary:
      'Practical guidance for governments, employers and workers on assessing and preventing heat stress at work, as heatwaves grow longer and more frequent.',
    file: 'heat-stress.md',
    // French made before 2.2 gained its second half (STALE there), Spanish after (complete).
    translations: [
      {
        language: 'FR',
        file: 'heat-stress.fr.md',
        madeFrom: { number: '2.2', paragraph: '2.2 **Adapted working hours.** Work should be scheduled to avoid the hottest hours of the day.' },
      },
      { language: 'ES', file: 'heat-stress.es.md' },
    ],
  },
} satisfies Record<string, DemoInstrument>;
