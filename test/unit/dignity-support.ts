/** Shared context and helpers for the dignity-check unit tests. */
import { checkDignity, DignityCategory, DignityContext } from '../../src/content/dignity';

export const CONTEXT: DignityContext = {
  protectedNames: [
    'Budi Santoso',
    'Siti Aminah',
    'Agus',
    'Indah Permata Sari',
    'Bagus Pratama',
    'Made Wirawan',
  ],
  extraWords: ['sipir', 'jeruji besi'],
  allowedPhones: ['(021) 4801234', '0811-1234-5678'],
  institutionName: 'Lapas Narkotika Kelas IIA Jakarta',
};

/** The findings of one category as their matched text, in order. */
export function found(text: string, category: DignityCategory, context = CONTEXT): string[] {
  return checkDignity(text, context)
    .filter((f) => f.category === category)
    .map((f) => f.match);
}
