import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductService } from '../../catalogue/product.service';
import { WorkshopService } from '../../catalogue/workshop.service';
import { AppError, ErrorCode } from '../../common/app-error';
import { InstitutionRepository } from '../../institutions/institution.repository';
import { MEDIA_STORAGE, type MediaStorage } from '../../media/storage/media-storage';
import type { RenderInput } from '../rendering/render-input';
import type { Template } from '../rendering/template';
import { photoCountRange } from '../templates/template-photos';
import { RenderRepository } from './render.repository';

/** What a post (or a preview) asks to render. */
export interface RenderRequest {
  institutionId: string;
  imageTemplateId: string;
  /** Image templates show a product; an announcement without one has no rendered image. */
  productId: string | null;
  /** In slide order for carousels, in photo-slot order otherwise. */
  mediaAssetIds: string[];
  variables: { tagline?: string; cta?: string; oldPriceRupiah?: number };
}

const INSTITUTION = { id: 'Lembaga', en: 'Institution' };

/** Gathers a render's inputs from the catalogue, the institution and the media library. */
@Injectable()
export class RenderInputLoader {
  constructor(
    private readonly products: ProductService,
    private readonly workshops: WorkshopService,
    private readonly institutions: InstitutionRepository,
    private readonly renders: RenderRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  /** Reads through `manager` only: a caller's open transaction must not wait on another connection. */
  async load(
    request: RenderRequest,
    template: Template,
    manager: EntityManager,
  ): Promise<RenderInput> {
    checkPhotoCount(template, request.mediaAssetIds);
    if (request.productId === null) {
      throw AppError.validation('productId', {
        id: 'Template gambar menampilkan produk: pilih produk',
        en: 'Image templates show a product: choose one',
      });
    }
    const { institutionId } = request;
    const product = await this.products.requireVisible(
      institutionId,
      request.productId,
      manager,
      false,
      'productId',
    );
    if (product.status === 'archived') {
      throw AppError.validation('productId', {
        id: 'Produk ini diarsipkan; pulihkan dulu sebelum membuat gambar',
        en: 'This product is archived; restore it before rendering images of it',
      });
    }
    const workshop = await this.workshops.requireVisible(
      institutionId,
      product.workshopId,
      manager,
    );
    const institution = await this.institutions.findById(institutionId, manager);
    if (!institution) throw AppError.notFound(INSTITUTION, 'institutionId');
    const photos = await this.loadPhotos(institutionId, request.mediaAssetIds, manager);
    return {
      photos,
      logo: institution.logoKey ? await this.storage.get(institution.logoKey) : undefined,
      brand: {
        primary: institution.brandPrimary,
        secondary: institution.brandSecondary,
        text: institution.brandText,
      },
      variables: {
        product: {
          name: product.name,
          priceRupiah: product.priceRupiah,
          oldPriceRupiah: request.variables.oldPriceRupiah,
        },
        tagline: request.variables.tagline,
        cta: request.variables.cta,
        institution: { name: institution.name },
        workshop: { name: workshop.name },
      },
    };
  }

  /** The stored bytes of the institution's photos, in the order asked for. */
  private async loadPhotos(
    institutionId: string,
    ids: readonly string[],
    manager: EntityManager,
  ): Promise<Buffer[]> {
    const found = await this.renders.findPhotos(institutionId, ids, manager);
    const byId = new Map(found.map((asset) => [asset.id, asset.storageKey]));
    const keys = ids.map((id) => byId.get(id));
    const missing = ids.filter((_, i) => keys[i] === undefined);
    if (missing.length > 0) {
      throw new AppError(
        ErrorCode.NotFound,
        {
          id: `Foto tidak ditemukan: ${missing.join(', ')}`,
          en: `Photo not found: ${missing.join(', ')}`,
        },
        'mediaAssetIds',
        { missing },
      );
    }
    const photos: Buffer[] = [];
    for (const key of keys) if (key) photos.push(await this.storage.get(key));
    return photos;
  }
}

/** 0, too many or repeated photos: a 400 naming mediaAssetIds before anything is loaded. */
function checkPhotoCount(template: Template, ids: readonly string[]): void {
  const { min, max } = photoCountRange(template);
  const range = min === max ? `${min}` : `${min}–${max}`;
  if (ids.length < min || ids.length > max) {
    throw AppError.validation('mediaAssetIds', {
      id: `Template ${template.name} memerlukan ${range} foto, diberikan ${ids.length}`,
      en: `Template ${template.name} takes ${range} photo(s), got ${ids.length}`,
    });
  }
  if (new Set(ids).size !== ids.length) {
    throw AppError.validation('mediaAssetIds', {
      id: 'Setiap foto hanya boleh dipilih sekali',
      en: 'Each photo may be chosen only once',
    });
  }
}
