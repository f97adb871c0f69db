import { AppError } from '../common/app-error';
import { Marketplace, normalizeLinkLabel, validateMarketplaceUrl } from './marketplace-link';
import { parseSku } from './sku';
import { normalizeTags } from './tags';

/** Turns request values into stored values, or throws a 400 naming the offending field. */

export function skuOrThrow(input: string): string {
  const result = parseSku(input);
  if (!result.ok) throw AppError.validation('sku', result.reason);
  return result.sku;
}

export function tagsOrThrow(inputs: readonly string[]): string[] {
  const result = normalizeTags(inputs);
  if (!result.ok) throw AppError.validation(`tags[${result.index}]`, result.reason);
  return result.tags;
}

export interface LinkInput {
  marketplace: Marketplace;
  url: string;
  label?: string | null;
}

export interface NormalizedLink {
  marketplace: Marketplace;
  url: string;
  label: string | null;
}

export function linksOrThrow(inputs: readonly LinkInput[]): NormalizedLink[] {
  const links: NormalizedLink[] = [];
  for (const [index, input] of inputs.entries()) {
    const field = `marketplaceLinks[${index}].url`;
    const result = validateMarketplaceUrl(input.marketplace, input.url);
    if (!result.ok) throw AppError.validation(field, result.reason);
    if (links.some((link) => link.url === result.url)) {
      throw AppError.validation(field, {
        id: 'Tautan yang sama sudah ada di daftar',
        en: 'The same link is already in the list',
      });
    }
    links.push({
      marketplace: input.marketplace,
      url: result.url,
      label: normalizeLinkLabel(input.label),
    });
  }
  return links;
}
