import { Injectable } from '@nestjs/common';
import type { LocalizedText } from '../../common/app-error';
import type { SocialNetwork } from '../../content/rendering/template';
import { MediaQueryService } from '../../media/media-query.service';
import { instantOf, type CalendarZone } from '../local-time';
import type { PlanColumn, PlanError, PlanRow } from '../plan-file';
import { PlanningRepository, type PhotoRef, type ProductRef } from './planning.repository';

/** A checked row with the ids it names, ready to become a draft. */
export interface ResolvedRow {
  row: PlanRow;
  productId: string;
  productName: string;
  socialAccountIds: string[];
  imageTemplateId: string | null;
  captionTemplateId: string | null;
  mediaAssetIds: string[];
  plannedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The database half of the plan file's validation (plan-file.ts calls it with batches of rows
 * that parsed cleanly): SKU of an active product, a connected account per network, known
 * template and caption template, a photo of that product cleared for each network at the row's
 * time. Rows that pass are kept, resolved, in `resolved`.
 */
@Injectable()
export class PlanRowChecker {
  constructor(
    private readonly repository: PlanningRepository,
    private readonly media: MediaQueryService,
  ) {}

  forInstitution(institutionId: string, zone: CalendarZone) {
    const resolved: ResolvedRow[] = [];
    let accounts: Map<SocialNetwork, string> | undefined;
    const check = async (rows: readonly PlanRow[]): Promise<PlanError[]> => {
      accounts ??= await this.repository.firstAccounts(institutionId);
      const products = await this.repository.productsBySku(
        institutionId,
        unique(rows, (r) => r.sku),
      );
      const bySku = new Map(products.map((p) => [p.sku, p]));
      const templates = await this.repository.templatesByKey(
        institutionId,
        unique(rows, (r) => r.template),
      );
      const captionTemplates = await this.repository.captionTemplatesByName(
        institutionId,
        unique(rows, (r) => r.captionTemplate),
      );
      const refs = unique(rows, (r) => r.photo);
      const photos = await this.repository.photos(
        institutionId,
        refs.filter((ref) => UUID.test(ref)).map((ref) => ref.toLowerCase()),
        products.map((p) => p.id),
        refs,
      );
      const errors: PlanError[] = [];
      for (const row of rows) {
        const found: PlanError[] = [];
        const fail = (column: PlanColumn, message: LocalizedText) =>
          found.push({ row: row.row, column, message });
        const product = bySku.get(row.sku);
        if (!product) fail('sku', unknownSku(row.sku));
        else if (product.status !== 'active') fail('sku', archived(row.sku));
        const missing = row.networks.filter((n) => !accounts?.has(n));
        if (missing.length > 0) fail('networks', noAccount(missing));
        const templateId = row.template ? templates.get(row.template) : null;
        if (templateId === undefined) fail('template', unknownTemplate(row.template ?? ''));
        const captionTemplateId = row.captionTemplate
          ? captionTemplates.get(row.captionTemplate.toLowerCase())
          : null;
        if (captionTemplateId === undefined) {
          fail('caption_template', unknownCaptionTemplate(row.captionTemplate ?? ''));
        }
        const plannedAt = instantOf(row.date, row.time, zone);
        let photoId: string | null = null;
        if (row.photo && product) {
          const photo = photoOf(row.photo, product, photos);
          if (!photo) fail('photo', unknownPhoto(row.photo));
          else {
            photoId = photo.id;
            const problem = await this.clearanceProblem(
              institutionId,
              photo.id,
              row.networks,
              plannedAt,
            );
            if (problem) fail('photo', problem);
          }
        }
        errors.push(...found);
        if (found.length > 0 || !product || !accounts) continue;
        const ids = accounts;
        resolved.push({
          row,
          productId: product.id,
          productName: product.name,
          socialAccountIds: row.networks.map((n) => ids.get(n) as string),
          imageTemplateId: templateId ?? null,
          captionTemplateId: captionTemplateId ?? null,
          mediaAssetIds: photoId ? [photoId] : [],
          plannedAt,
        });
      }
      return errors;
    };
    return { check, resolved };
  }

  private async clearanceProblem(
    institutionId: string,
    photoId: string,
    networks: readonly SocialNetwork[],
    at: Date,
  ): Promise<LocalizedText | null> {
    for (const network of networks) {
      const assessment = (
        await this.media.assessForChannel(institutionId, [photoId], network, at)
      ).get(photoId);
      if (assessment && !assessment.usable) {
        return {
          id: `${assessment.message.id} (${network})`,
          en: `${assessment.message.en} (${network})`,
        };
      }
    }
    return null;
  }
}

function unique(rows: readonly PlanRow[], pick: (row: PlanRow) => string | null): string[] {
  return [...new Set(rows.map(pick).filter((v): v is string => !!v))];
}

/** By id (any photo of the product), else the newest photo of the product with that file name. */
function photoOf(ref: string, product: ProductRef, photos: readonly PhotoRef[]): PhotoRef | null {
  const ofProduct = photos.filter((p) => p.productId === product.id);
  return (
    ofProduct.find((p) => p.id === ref.toLowerCase()) ??
    ofProduct.find((p) => p.originalFilename === ref) ??
    null
  );
}

const unknownSku = (sku: string): LocalizedText => ({
  id: `Tidak ada produk dengan SKU '${sku}'`,
  en: `No product has SKU '${sku}'`,
});
const archived = (sku: string): LocalizedText => ({
  id: `Produk '${sku}' sudah diarsipkan`,
  en: `Product '${sku}' is archived`,
});
const noAccount = (networks: readonly string[]): LocalizedText => ({
  id: `Belum ada akun terhubung untuk: ${networks.join(', ')}`,
  en: `No connected account for: ${networks.join(', ')}`,
});
const unknownTemplate = (key: string): LocalizedText => ({
  id: `Templat gambar '${key}' tidak ditemukan`,
  en: `Image template '${key}' not found`,
});
const unknownCaptionTemplate = (name: string): LocalizedText => ({
  id: `Templat keterangan '${name}' tidak ditemukan`,
  en: `Caption template '${name}' not found`,
});
const unknownPhoto = (ref: string): LocalizedText => ({
  id: `Foto '${ref}' bukan foto produk ini`,
  en: `Photo '${ref}' is not a photo of this product`,
});
