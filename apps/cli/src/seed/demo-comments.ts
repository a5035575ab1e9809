import type { CommentType, Disposition } from '@tripartite/domain';

/** A comment of the demo's closed round, and what the secretariat did with it (none: still to dispose). */
export interface DemoComment {
  /** A constituent of DEMO_ORGANIZATIONS (demo-people.ts). */
  author: string;
  /** A guideline key of mflm-v1.md; null: a general comment on the whole draft. */
  guideline: string | null;
  type: CommentType;
  body: string;
  proposedText?: string;
  disposition?: Disposition;
  note?: string;
}

// Written for the demo; any resemblance to real submissions is the subject matter's, not a quotation.
export const DEMO_COMMENTS: DemoComment[] = [
  // Governments
  {
    author: 'gov.br@tripartite.demo',
    guideline: null,
    type: 'GENERAL',
    body: 'Brazil welcomes a framework that keeps labour ministries at the centre of migration policy, and supports the draft as a basis for discussion at the meeting of experts.',
    disposition: 'NOTED',
    note: 'Support recorded.',
  },
  {
    author: 'gov.br@tripartite.demo',
    guideline: '5.4',
    type: 'TECHNICAL',
    body: 'Portability of benefits depends on agreements between social security institutions; the guideline should say so, or it reads as an obligation on the destination country alone.',
    proposedText:
      'Member States should extend social security coverage to migrant workers on an equal basis and, through bilateral or multilateral agreements, provide for the portability of acquired rights and benefits.',
    disposition: 'ACCEPTED',
    note: 'Wording adopted in 5.4.',
  },
  {
    author: 'gov.ke@tripartite.demo',
    guideline: '6.1',
    type: 'TECHNICAL',
    body: 'We strongly support the principle. The list of "related costs" should be spelled out, otherwise agencies will move the fee into travel, medical checks or training charges.',
    proposedText:
      'No recruitment fees or related costs, including for travel, visas, medical examinations and pre-departure training, should be charged to, or otherwise borne by, migrant workers or jobseekers.',
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'Examples added in a footnote rather than in the guideline, to keep the list open.',
  },
  {
    author: 'gov.ke@tripartite.demo',
    guideline: '8.2',
    type: 'GENERAL',
    body: 'Reintegration needs funding. The guideline could encourage destination countries to contribute to reintegration programmes run by countries of origin.',
    disposition: 'NOTED',
    note: 'To be discussed at the meeting of experts.',
  },
  {
    author: 'gov.ph@tripartite.demo',
    guideline: '6.2',
    type: 'TECHNICAL',
    body: 'Licensing alone is not enough when recruiters operate across borders. Cooperation between the licensing authorities of origin and destination countries should be mentioned.',
    proposedText:
      'Private employment agencies recruiting migrant workers should be licensed or certified, regularly monitored through cooperation between the competent authorities of the countries concerned, and sanctioned when they abuse workers.',
    disposition: 'ACCEPTED',
    note: 'Cross-border cooperation added.',
  },
  {
    author: 'gov.ph@tripartite.demo',
    guideline: '5.5',
    type: 'GENERAL',
    body: 'Domestic workers are the largest group of our women migrant workers. We ask that the guideline refer to the relevant international labour standard on domestic work.',
    disposition: 'ACCEPTED',
    note: 'Reference added.',
  },
  {
    author: 'gov.ph@tripartite.demo',
    guideline: '2.2',
    type: 'EDITORIAL',
    body: '"Should be made public" — suggest "should be published", which is the usual wording in the other guidelines.',
    proposedText: 'should be published',
    disposition: 'ACCEPTED',
    note: 'Editorial change made.',
  },
  {
    author: 'gov.de@tripartite.demo',
    guideline: '4.1',
    type: 'TECHNICAL',
    body: 'A "transparent assessment of labour market needs" can take many forms. The guideline should not suggest a single method, such as shortage lists, as the only acceptable one.',
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'Text now refers to "appropriate methods".',
  },
  {
    author: 'gov.de@tripartite.demo',
    guideline: '5.2',
    type: 'TECHNICAL',
    body: 'We agree that labour inspection and immigration enforcement must be kept apart. Inspection in private households raises questions of privacy that national law settles differently.',
    proposedText:
      'Labour inspection should cover every workplace where migrant workers are employed, including, with due respect for privacy, private households, and agriculture.',
    disposition: 'NOT_ACCEPTED',
    note: 'The meeting will discuss household inspection under item 5.2; the draft keeps the general wording.',
  },
  {
    author: 'gov.ma@tripartite.demo',
    guideline: '2.1',
    type: 'GENERAL',
    body: 'Transit countries face particular pressures. The regional consultation processes in which they take part should be named as a forum for this dialogue.',
    disposition: 'NOTED',
    note: 'Transit countries mentioned in the background section.',
  },
  {
    author: 'gov.ma@tripartite.demo',
    guideline: '8.1',
    type: 'EDITORIAL',
    body: 'Add a target so that progress can be measured, in line with the commitments countries have already made on remittance costs.',
    proposedText: 'Member States should work to lower the average cost of sending remittances to below 3 per cent of the amount sent.',
    disposition: 'NOT_ACCEPTED',
    note: 'Numerical targets are left to other international commitments.',
  },
  {
    author: 'gov.ca@tripartite.demo',
    guideline: '4.4',
    type: 'TECHNICAL',
    body: 'Recognition of qualifications is often a matter for regulated professions and sub-national bodies. The guideline should invite Member States to work with them.',
    proposedText:
      'Mechanisms for the recognition of qualifications and of skills acquired informally should be developed together with professional bodies and, where relevant, sub-national authorities.',
    disposition: 'ACCEPTED',
    note: 'Adopted.',
  },
  {
    author: 'gov.ca@tripartite.demo',
    guideline: '3.1',
    type: 'EDITORIAL',
    body: 'Disaggregation "by sex" should also mention gender identity where national statistics allow it.',
  },
  {
    author: 'gov.ca@tripartite.demo',
    guideline: null,
    type: 'EDITORIAL',
    body: 'Several guidelines use "should" and others "shall". As a non-binding text, it should use "should" throughout.',
    disposition: 'ACCEPTED',
    note: 'Harmonised throughout.',
  },

  // Employers
  {
    author: 'emp.intl@tripartite.demo',
    guideline: null,
    type: 'GENERAL',
    body: 'Employers support fair and orderly labour migration that responds to real skills needs. The draft should recognise more clearly the role of enterprises in identifying those needs.',
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'Role of enterprises added to the introduction.',
  },
  {
    author: 'emp.intl@tripartite.demo',
    guideline: '4.1',
    type: 'TECHNICAL',
    body: 'Labour market tests that take many months defeat their purpose. The guideline should call for assessments that are timely as well as transparent.',
    proposedText:
      "Admission policies should rest on a transparent and timely assessment of labour market needs carried out with employers' and workers' organizations.",
    disposition: 'ACCEPTED',
    note: '"Timely" added.',
  },
  {
    author: 'emp.intl@tripartite.demo',
    guideline: '6.1',
    type: 'TECHNICAL',
    body: 'Employers agree that workers should not pay recruitment fees. The guideline should also recognise that employers cannot control every cost charged by intermediaries in the country of origin.',
    disposition: 'NOT_ACCEPTED',
    note: 'The principle stands; due diligence is covered in 6.2.',
  },
  {
    author: 'emp.intl@tripartite.demo',
    guideline: '4.3',
    type: 'GENERAL',
    body: 'Regular channels for lower-skilled occupations are welcome. Procedures must also be predictable for small enterprises, which cannot afford specialised advisers.',
    disposition: 'NOTED',
    note: 'Small enterprises mentioned.',
  },
  {
    author: 'emp.ke@tripartite.demo',
    guideline: '1.2',
    type: 'GENERAL',
    body: 'Job creation at home depends on an enabling environment for sustainable enterprises; the guideline should say so explicitly.',
    proposedText:
      "Governments, with employers' and workers' organizations, should promote an enabling environment for sustainable enterprises and pursue policies that create productive and freely chosen employment in countries of origin.",
    disposition: 'ACCEPTED',
    note: 'Adopted.',
  },
  {
    author: 'emp.ke@tripartite.demo',
    guideline: '6.2',
    type: 'EDITORIAL',
    body: 'Withdrawal of a licence is one sanction among several; "including" already signals this, so the sentence can be shortened.',
  },
  {
    author: 'emp.ke@tripartite.demo',
    guideline: '3.2',
    type: 'TECHNICAL',
    body: 'Research on recruitment costs should cover costs borne by employers as well, to give a complete picture of the recruitment process.',
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'Costs borne by employers added as a research topic.',
  },
  {
    author: 'emp.ph@tripartite.demo',
    guideline: '6.3',
    type: 'TECHNICAL',
    body: 'Contracts signed before departure sometimes need lawful adjustments on arrival, for example after a change in the minimum wage. The guideline should not freeze every term.',
    proposedText:
      'Workers should receive a written contract, in a language they understand, before they leave their country, and its terms should not be replaced by less favourable ones on arrival.',
    disposition: 'NOT_ACCEPTED',
    note: 'The draft already only prohibits less favourable changes.',
  },
  {
    author: 'emp.ph@tripartite.demo',
    guideline: '4.4',
    type: 'GENERAL',
    body: 'Skills recognition is a shared interest of workers and employers. Industry-led certification schemes deserve a mention.',
    disposition: 'NOTED',
    note: 'Mentioned in the explanatory note.',
  },
  {
    author: 'emp.ph@tripartite.demo',
    guideline: '8.3',
    type: 'EDITORIAL',
    body: '"Without making this a condition of their rights" is unclear; whose rights, and which condition?',
    proposedText: 'without making such contributions a condition for the enjoyment of their rights',
    disposition: 'ACCEPTED',
    note: 'Clarified.',
  },

  // Workers
  {
    author: 'wrk.intl@tripartite.demo',
    guideline: null,
    type: 'GENERAL',
    body: 'Workers welcome a rights-based framework. Its weakest point is enforcement: the draft says what should happen but rarely who is responsible when it does not.',
    disposition: 'NOTED',
    note: 'The meeting will consider a follow-up mechanism.',
  },
  {
    author: 'wrk.intl@tripartite.demo',
    guideline: '1.1',
    type: 'TECHNICAL',
    body: 'Equal treatment must cover wages and working conditions, not only fundamental principles and rights. The guideline should say so in terms.',
    proposedText:
      'Migrant workers should enjoy the same fundamental principles and rights at work, and equal treatment in wages and working conditions, as the nationals of the country where they are employed.',
    disposition: 'ACCEPTED',
    note: 'Equal treatment in wages and conditions added.',
  },
  {
    author: 'wrk.intl@tripartite.demo',
    guideline: '7.3',
    type: 'TECHNICAL',
    body: '"Should be encouraged to organize" is too weak: migrant workers have the right to join unions. The guideline should state the right, then the encouragement.',
    proposedText:
      "Migrant workers have the right to join workers' organizations of their choosing; workers' organizations should be supported in organizing them.",
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'The right is now stated; the wording on support is kept.',
  },
  {
    author: 'wrk.intl@tripartite.demo',
    guideline: '6.4',
    type: 'GENERAL',
    body: 'Confiscation of documents is an indicator of forced labour and should be named as such.',
  },
  {
    author: 'wrk.ke@tripartite.demo',
    guideline: '5.3',
    type: 'TECHNICAL',
    body: 'Workers who have been deported cannot pursue their claims. The guideline should allow claims to be filed and heard from abroad, including through consulates or unions.',
    disposition: 'ACCEPTED',
    note: 'Claims from abroad added.',
  },
  {
    author: 'wrk.ke@tripartite.demo',
    guideline: '5.2',
    type: 'GENERAL',
    body: 'We strongly support keeping labour inspection separate from immigration enforcement; without that firewall no undocumented worker will ever report abuse.',
    disposition: 'NOTED',
    note: 'Support recorded.',
  },
  {
    author: 'wrk.ke@tripartite.demo',
    guideline: '2.2',
    type: 'TECHNICAL',
    body: 'Bilateral agreements should be negotiated with the social partners, not only monitored with them.',
    proposedText:
      "Agreements between countries on the admission of workers should be negotiated and monitored with the participation of employers' and workers' organizations.",
    disposition: 'PARTIALLY_ACCEPTED',
    note: 'Consultation during negotiation added.',
  },
  {
    author: 'wrk.br@tripartite.demo',
    guideline: '5.1',
    type: 'TECHNICAL',
    body: 'The guideline should add that workers in an irregular situation must be able to claim back pay without risk of being reported to the immigration authorities.',
  },
  {
    author: 'wrk.br@tripartite.demo',
    guideline: '7.1',
    type: 'GENERAL',
    body: 'Campaigns against xenophobia need the participation of migrant workers themselves and of their organizations.',
    disposition: 'ACCEPTED',
    note: 'Added.',
  },
  {
    author: 'wrk.br@tripartite.demo',
    guideline: '3.3',
    type: 'EDITORIAL',
    body: '"A public collection of practices" — we suggest "a public database of good practices", which is what the Office already maintains.',
    proposedText: 'a public database of good practices',
    disposition: 'ACCEPTED',
    note: 'Editorial change made.',
  },
  {
    author: 'wrk.br@tripartite.demo',
    guideline: '4.3',
    type: 'TECHNICAL',
    body: 'Temporary schemes for lower-skilled occupations must not tie the worker to a single employer; the right to change employers should be part of every regular channel.',
  },
  {
    author: 'emp.ke@tripartite.demo',
    guideline: '7.2',
    type: 'GENERAL',
    body: 'Language training is most effective when linked to the workplace; employer-provided training should count towards integration requirements.',
    disposition: 'NOTED',
    note: 'Noted for the explanatory note.',
  },
];
