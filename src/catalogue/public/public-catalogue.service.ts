import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { MediaQueryService } from '../../media/media-query.service';
import { MEDIA_STORAGE, type MediaStorage } from '../../media/storage/media-storage';
import { type CatalogueLink, TrackedLinkService } from '../../metrics/links/tracked-link.service';
import {
  type CatalogueInstitution,
  type CataloguePhoto,
  type CatalogueProduct,
  type CatalogueWorkshop,
  institutionPage,
  productIdOf,
  productPage,
  productPathSegment,
  robotsTxt,
  type SitemapEntry,
  sitemapXml,
} from './catalogue-pages';
import {
  type PublicInstitution,
  type PublicPhoto,
  type PublicProduct,
  PublicCatalogueRepository,
} from './public-catalogue.repository';

const MARKETPLACE_NAMES: Record<string, string> = {
  tokopedia: 'Tokopedia',
  shopee: 'Shopee',
  other: 'Toko daring',
};

const PHOTO_FILE =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-kecil)?\.(jpg|png)$/;

export type ProductPageResult =
  { kind: 'page'; html: string } | { kind: 'moved'; path: string } | { kind: 'not_found' };

export interface PhotoStream {
  stream: Readable;
  contentType: string;
}

function photoPath(slug: string, photo: PublicPhoto, thumbnail: boolean): string {
  return `/katalog/${slug}/foto/${photo.id}${thumbnail ? '-kecil' : ''}.jpg`;
}

/**
 * The public catalogue: one page per institution and per active product, built from the
 * photos cleared for the 'catalogue' channel at the moment of the request. Photos are served
 * by their id under the institution, and only while the same check passes: what the pages
 * show is exactly what can be fetched.
 */
@Injectable()
export class PublicCatalogueService {
  private readonly logger = new Logger(PublicCatalogueService.name);

  constructor(
    private readonly catalogue: PublicCatalogueRepository,
    private readonly media: MediaQueryService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly links: TrackedLinkService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async institutionPage(slug: string): Promise<string | null> {
    const institution = await this.catalogue.institutionBySlug(slug);
    if (!institution) return null;
    const products = await this.catalogue.activeProducts(institution.id);
    const photos = await this.clearedPhotos(
      institution.id,
      products.map((p) => p.id),
    );
    const workshops = new Map<string, CatalogueWorkshop>();
    for (const product of products) {
      const workshop = workshops.get(product.workshopId) ?? {
        name: product.workshopName,
        description: product.workshopDescription,
        products: [],
      };
      workshop.products.push(this.view(institution, product, photos, []));
      workshops.set(product.workshopId, workshop);
    }
    return institutionPage(
      this.institutionView(institution),
      [...workshops.values()],
      this.config.publicBaseUrl,
    );
  }

  async productPage(slug: string, segment: string): Promise<ProductPageResult> {
    const productId = productIdOf(segment);
    const institution = productId ? await this.catalogue.institutionBySlug(slug) : null;
    const product =
      institution && productId
        ? await this.catalogue.activeProduct(institution.id, productId)
        : null;
    if (!institution || !product) return { kind: 'not_found' };
    const canonical = productPathSegment(product);
    if (segment !== canonical) return { kind: 'moved', path: `/katalog/${slug}/${canonical}` };
    const photos = await this.clearedPhotos(institution.id, [product.id]);
    const buttons = (await this.links.catalogueLinks(institution.id, [product.id])).get(product.id);
    const view = this.view(institution, product, photos, buttons ?? []);
    return {
      kind: 'page',
      html: productPage(this.institutionView(institution), view, this.config.publicBaseUrl),
    };
  }

  /** A catalogue photo, or null when unknown, not the institution's, or not cleared now. */
  async photo(slug: string, file: string): Promise<PhotoStream | null> {
    const match = PHOTO_FILE.exec(file);
    const institution = match ? await this.catalogue.institutionBySlug(slug) : null;
    if (!match || !institution) return null;
    const [, id, small] = match;
    const found = await this.catalogue.photoFile(institution.id, id);
    if (!found) return null;
    const assessed = await this.media.assessForChannel(
      institution.id,
      [id],
      'catalogue',
      this.clock.now(),
    );
    if (!assessed.get(id)?.usable) return null;
    const [key, contentType] = small
      ? [found.thumbnailKey, 'image/jpeg']
      : [found.storageKey, found.mimeType];
    try {
      return { stream: await this.storage.stream(key), contentType };
    } catch (error) {
      this.logger.error({ err: error, mediaAssetId: id }, 'Catalogue photo file is missing');
      return null;
    }
  }

  async sitemap(): Promise<string> {
    const entries: SitemapEntry[] = [];
    let home: SitemapEntry | undefined;
    // Rows come ordered by institution: each institution's page, then its products.
    for (const row of await this.catalogue.sitemap()) {
      const homePath = `/katalog/${row.slug}`;
      if (home?.path !== homePath) {
        home = { path: homePath, lastModified: row.updatedAt };
        entries.push(home);
      }
      if (row.updatedAt > home.lastModified) home.lastModified = row.updatedAt;
      const segment = productPathSegment({ id: row.productId, name: row.productName });
      entries.push({ path: `${homePath}/${segment}`, lastModified: row.updatedAt });
    }
    return sitemapXml(entries, this.config.publicBaseUrl);
  }

  robots(): string {
    return robotsTxt(this.config.publicBaseUrl);
  }

  /** Photos usable on the catalogue channel now, by product, oldest first. */
  private async clearedPhotos(
    institutionId: string,
    productIds: readonly string[],
  ): Promise<Map<string, PublicPhoto[]>> {
    const photos = await this.catalogue.photos(institutionId, productIds);
    const assessed = await this.media.assessForChannel(
      institutionId,
      photos.map((p) => p.id),
      'catalogue',
      this.clock.now(),
    );
    const byProduct = new Map<string, PublicPhoto[]>();
    for (const photo of photos) {
      if (!assessed.get(photo.id)?.usable) continue;
      byProduct.set(photo.productId, [...(byProduct.get(photo.productId) ?? []), photo]);
    }
    return byProduct;
  }

  private institutionView(institution: PublicInstitution): CatalogueInstitution {
    return {
      name: institution.name,
      slug: institution.slug,
      region: institution.region,
      brand: { primary: institution.brandPrimary, text: institution.brandText },
    };
  }

  private view(
    institution: PublicInstitution,
    product: PublicProduct,
    photos: Map<string, PublicPhoto[]>,
    buttons: readonly CatalogueLink[],
  ): CatalogueProduct {
    const slug = institution.slug;
    return {
      id: product.id,
      name: product.name,
      description: product.description,
      priceRupiah: product.priceRupiah,
      workshopName: product.workshopName,
      path: `/katalog/${slug}/${productPathSegment(product)}`,
      photos: (photos.get(product.id) ?? []).map((photo): CataloguePhoto => ({
        path: photoPath(slug, photo, false),
        thumbnailPath: photoPath(slug, photo, true),
        alt: photo.altText,
      })),
      buttons: buttons.map((b) => ({
        label: b.label ?? MARKETPLACE_NAMES[b.marketplace] ?? b.marketplace,
        url: b.shortUrl,
      })),
    };
  }
}
