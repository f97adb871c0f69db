import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditActor, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { Page, pageOf, pageOffset } from '../common/pagination';
import { linksOrThrow, NormalizedLink, skuOrThrow, tagsOrThrow } from './product-input';
import {
  CreateProductDto,
  ProductListQuery,
  ProductResponse,
  ProductSort,
  SortDirection,
  toProductResponse,
  UpdateProductDto,
} from './product.dto';
import { ProductArchiveHooks } from './product-archive-hooks';
import { Product, ProductStatus } from './product.entity';
import { ProductChanges, ProductRepository } from './product.repository';
import { normalizeTag } from './tags';
import { withUniqueFields } from './unique-violation';
import { WorkshopRepository } from './workshop.repository';
import { WORKSHOP_ENTITY } from './workshop.service';

export const PRODUCT_ENTITY = { id: 'Produk', en: 'Product' };
const AUDIT_TYPE = 'product';

const skuTaken = (): AppError =>
  AppError.conflict('sku', {
    id: 'SKU ini sudah dipakai produk lain di lembaga Anda',
    en: 'This SKU is already used by another product in your institution',
  });
const UNIQUE_FIELDS = { uq_products_institution_sku: skuTaken };

const DEFAULT_DIRECTION: Record<ProductSort, SortDirection> = {
  name: 'asc',
  price: 'asc',
  createdAt: 'desc',
  updatedAt: 'desc',
};

@Injectable()
export class ProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductRepository,
    private readonly workshops: WorkshopRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly archiveHooks: ProductArchiveHooks,
  ) {}

  async list(scope: RequestScope, query: ProductListQuery): Promise<Page<ProductResponse>> {
    if (
      query.priceMin !== undefined &&
      query.priceMax !== undefined &&
      query.priceMin > query.priceMax
    ) {
      throw AppError.validation('priceMax', {
        id: 'priceMax tidak boleh lebih kecil dari priceMin',
        en: 'priceMax must not be less than priceMin',
      });
    }
    const sort = query.sort ?? 'name';
    const [rows, total] = await this.products.list(
      {
        institutionId: scope.institutionFilter,
        q: query.q || undefined,
        workshopId: query.workshopId?.toLowerCase(),
        status: query.status,
        tag: query.tag === undefined ? undefined : normalizeTag(query.tag) || undefined,
        priceMin: query.priceMin,
        priceMax: query.priceMax,
      },
      { sort, direction: query.direction ?? DEFAULT_DIRECTION[sort] },
      pageOffset(query),
      query.pageSize,
    );
    return pageOf(await this.views(rows, this.dataSource.manager), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<ProductResponse> {
    const product = await this.requireVisible(scope.institutionFilter, id);
    return this.view(product, this.dataSource.manager);
  }

  async create(scope: RequestScope, dto: CreateProductDto): Promise<ProductResponse> {
    return this.createIn(scope.requireInstitution(), dto, actorOf(scope));
  }

  /**
   * Creates a product in an institution, audited as `actor`. Pass `manager` to join the
   * caller's transaction (demo seeding); otherwise it runs in its own.
   */
  async createIn(
    institutionId: string,
    dto: CreateProductDto,
    actor: AuditActor,
    manager?: EntityManager,
  ): Promise<ProductResponse> {
    const sku = skuOrThrow(dto.sku);
    const tags = tagsOrThrow(dto.tags ?? []);
    const links = linksOrThrow(dto.marketplaceLinks ?? []);
    return this.inTransaction(manager, async (m) => {
      await this.requireUsableWorkshop(institutionId, dto.workshopId, m);
      const product = await withUniqueFields(
        () =>
          this.products.insert(
            {
              institutionId,
              workshopId: dto.workshopId.toLowerCase(),
              name: dto.name,
              description: dto.description ?? '',
              priceRupiah: dto.priceRupiah,
              sku,
              tags,
            },
            m,
          ),
        UNIQUE_FIELDS,
      );
      await this.syncLinks(product, links, m);
      const after = await this.view(product, m);
      await this.record(actor, product, undefined, after, m);
      return after;
    });
  }

  async update(scope: RequestScope, id: string, dto: UpdateProductDto): Promise<ProductResponse> {
    const sku = dto.sku === undefined ? undefined : skuOrThrow(dto.sku);
    const tags = dto.tags === undefined ? undefined : tagsOrThrow(dto.tags);
    const links =
      dto.marketplaceLinks === undefined ? undefined : linksOrThrow(dto.marketplaceLinks);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.requireVisible(scope.institutionFilter, id, manager, true);
      const before = await this.view(current, manager);
      const changes: ProductChanges = {};
      if (dto.name !== undefined && dto.name !== current.name) changes.name = dto.name;
      if (dto.description !== undefined && dto.description !== current.description) {
        changes.description = dto.description;
      }
      if (dto.priceRupiah !== undefined && dto.priceRupiah !== current.priceRupiah) {
        changes.priceRupiah = dto.priceRupiah;
      }
      if (sku !== undefined && sku !== current.sku) changes.sku = sku;
      if (tags !== undefined && tags.join('\n') !== current.tags.join('\n')) changes.tags = tags;
      const workshopId = dto.workshopId?.toLowerCase();
      if (workshopId !== undefined && workshopId !== current.workshopId) {
        await this.requireUsableWorkshop(current.institutionId, workshopId, manager);
        changes.workshopId = workshopId;
      }
      let updated = current;
      if (Object.keys(changes).length > 0) {
        updated = await withUniqueFields(
          () => this.products.update(id, changes, manager),
          UNIQUE_FIELDS,
        );
      }
      const linksChanged = links !== undefined && (await this.syncLinks(current, links, manager));
      if (updated === current && !linksChanged) return before;
      // A links-only edit still counts as an update for sorting by updatedAt.
      if (updated === current) updated = await this.products.touch(id, manager);
      const after = await this.view(updated, manager);
      await this.record(actorOf(scope), updated, before, after, manager);
      return after;
    });
  }

  /**
   * Takes a product out of the active catalogue; it stays for history, metrics and restore.
   * Archiving again is a no-op.
   */
  async archive(scope: RequestScope, id: string): Promise<ProductResponse> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.setStatus(scope, id, 'archived', manager);
      // Content pulls this product's unpublished posts back to draft in this same transaction,
      // so no archived product is published afterwards.
      await this.archiveHooks.run(
        {
          institutionId: result.institutionId,
          productId: result.id,
          productName: result.name,
          actor: actorOf(scope),
        },
        manager,
      );
      return result;
    });
  }

  async restore(scope: RequestScope, id: string): Promise<ProductResponse> {
    return this.dataSource.transaction((manager) => this.setStatus(scope, id, 'active', manager));
  }

  /** The product visible to the filter (null = any institution), or a 404 naming `field`. */
  async requireVisible(
    institutionId: string | null,
    id: string,
    manager?: EntityManager,
    lock = false,
    field = 'id',
  ): Promise<Product> {
    const product = await this.products.findVisible(id, institutionId, manager, lock);
    if (!product) throw AppError.notFound(PRODUCT_ENTITY, field);
    return product;
  }

  private async setStatus(
    scope: RequestScope,
    id: string,
    status: ProductStatus,
    manager: EntityManager,
  ): Promise<ProductResponse> {
    const current = await this.requireVisible(scope.institutionFilter, id, manager, true);
    const before = await this.view(current, manager);
    if (current.status === status) return before;
    const updated = await this.products.update(
      id,
      { status, archivedAt: status === 'archived' ? this.clock.now() : null },
      manager,
    );
    const after = await this.view(updated, manager);
    await this.record(actorOf(scope), updated, before, after, manager);
    return after;
  }

  /** A workshop of the same institution (404 otherwise, never revealing others') that is active. */
  private async requireUsableWorkshop(
    institutionId: string,
    workshopId: string,
    manager: EntityManager,
  ): Promise<void> {
    const workshop = await this.workshops.findVisible(
      workshopId.toLowerCase(),
      institutionId,
      manager,
    );
    if (!workshop) throw AppError.notFound(WORKSHOP_ENTITY, 'workshopId');
    if (!workshop.isActive) {
      throw AppError.validation('workshopId', {
        id: 'Bengkel kerja ini sudah nonaktif; aktifkan dulu atau pilih yang lain',
        en: 'This workshop is inactive; activate it first or choose another',
      });
    }
  }

  /**
   * Makes the product's links exactly `wanted`, keeping rows whose address is unchanged (so
   * anything referring to a link row survives an edit). Returns whether anything changed.
   */
  private async syncLinks(
    product: Product,
    wanted: NormalizedLink[],
    manager: EntityManager,
  ): Promise<boolean> {
    const existing = await this.products.linksFor([product.id], manager);
    const byUrl = new Map(existing.map((link) => [link.url, link]));
    const wantedUrls = new Set(wanted.map((link) => link.url));
    const removed = existing.filter((link) => !wantedUrls.has(link.url)).map((link) => link.id);
    const added = wanted.filter((link) => !byUrl.has(link.url));
    let changed = removed.length > 0 || added.length > 0;
    await this.products.deleteLinks(removed, manager);
    for (const link of wanted) {
      const kept = byUrl.get(link.url);
      if (kept && (kept.marketplace !== link.marketplace || kept.label !== link.label)) {
        await this.products.updateLink(
          kept.id,
          { marketplace: link.marketplace, label: link.label },
          manager,
        );
        changed = true;
      }
    }
    await this.products.insertLinks(
      added.map((link) => ({
        ...link,
        institutionId: product.institutionId,
        productId: product.id,
      })),
      manager,
    );
    return changed;
  }

  private async view(product: Product, manager: EntityManager): Promise<ProductResponse> {
    const [response] = await this.views([product], manager);
    return response;
  }

  private async views(products: Product[], manager: EntityManager): Promise<ProductResponse[]> {
    const ids = products.map((product) => product.id);
    const names = await this.workshops.namesByIds(
      products.map((product) => product.workshopId),
      manager,
    );
    const links = await this.products.linksFor(ids, manager);
    return products.map((product) =>
      toProductResponse(
        product,
        names.get(product.workshopId) ?? '',
        links.filter((link) => link.productId === product.id),
      ),
    );
  }

  private inTransaction<T>(
    manager: EntityManager | undefined,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  private async record(
    actor: AuditActor,
    product: Product,
    before: ProductResponse | undefined,
    after: ProductResponse,
    manager: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        actor,
        institutionId: product.institutionId,
        action: before ? 'update' : 'create',
        entityType: AUDIT_TYPE,
        entityId: product.id,
        before,
        after,
      },
      manager,
    );
  }
}
