import type { LocalizedText } from '../../common/app-error';
import type { NormalisedText } from './normalise';
import type { Range, Token } from './text';

export const DIGNITY_CATEGORIES = [
  'protected_name',
  'nik',
  'phone',
  'register_number',
  'case_wording',
  'location',
  'custom_word',
] as const;

export type DignityCategory = (typeof DIGNITY_CATEGORIES)[number];

export interface DignityContext {
  /** Names from the institution's consent register plus its configurable protected-names list. */
  protectedNames: string[];
  /** The institution's configurable word list (whole words or phrases, any case). */
  extraWords: string[];
  /** The official institution hotline(s); never flagged, compared by normalised digits. */
  allowedPhones: string[];
  /** Text inside an occurrence of the institution's own name is never flagged. */
  institutionName?: string;
}

export interface DignityFinding {
  category: DignityCategory;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** Exactly text.slice(start, end). */
  match: string;
  reason: LocalizedText;
}

/** A finding before overlaps are resolved; `match` is filled in by the composer. */
export type Candidate = Omit<DignityFinding, 'match'>;

/** One rule family. Detectors never see each other's results; check.ts resolves overlaps. */
export interface Detector {
  readonly category: DignityCategory;
  detect(input: DetectorInput): Candidate[];
}

export interface DetectorInput {
  /** The caption as written. */
  original: string;
  /** Lower-cased, diacritic-free view with a map back to original offsets. */
  norm: NormalisedText;
  context: DignityContext;
  /** Links and hashtags/mentions in the normalised text, found once for all detectors. */
  links: Range[];
  tags: Token[];
}
