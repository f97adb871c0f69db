import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { Product, ProductMarketplaceLink, ProductStatus } from './product.entity';
import type { ProductSort, SortDirection } from './product.dto';

export interface ProductFilter {
  /** null = every institution (national roles). */
  institutionId: string | null;
  q?: string;
  workshopId?: string;
  status?: ProductStatus;
  tag?: string;
  priceMin?: number;
  priceMax?: number;
}

export interface ProductOrder {
  sort: ProductSort;
  direction: SortDirection;
}

export type NewProduct = Pick<
  Product,
  'institutionId' | 'workshopId' | 'name' | 'description' | 'priceRupiah' | 'sku' | 'tags'
>;
export type ProductChanges = Partial<
  Pick<
    Product,
    'workshopId' | 'name' | 'description' | 'priceRupiah' | 'sku' | 'tags' | 'status' | 'archivedAt'
  >
>;
export type NewMarketplaceLink = Pick<
  ProductMarketplaceLink,
  'institutionId' | 'productId' | 'marketplace' | 'url' | 'label'
>;
export type MarketplaceLinkChanges = Partial<Pick<ProductMarketplaceLink, 'marketplace' | 'label'>>;

/** Whitelisted ORDER BY expressions: the sort key never reaches SQL as user text. */
const ORDER_BY: Record<ProductSort, string> = {
  name: 'LOWER(p.name)',
  price: 'p.priceRupiah',
  createdAt: 'p.createdAt',
  updatedAt: 'p.updatedAt',
};

@Injectable()
export class ProductRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    filter: ProductFilter,
    order: ProductOrder,
    offset: number,
    limit: number,
  ): Promise<[Product[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(Product, 'p');
    if (filter.institutionId !== null) {
      query.andWhere('p.institutionId = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.q) {
      query.andWhere(
        `(p.name ILIKE :pattern ESCAPE '\\' OR p.description ILIKE :pattern ESCAPE '\\'
          OR p.sku ILIKE :pattern ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM unnest(p.tags) AS tag WHERE tag ILIKE :pattern ESCAPE '\\'))`,
        { pattern: containsPattern(filter.q) },
      );
    }
    if (filter.workshopId)
      query.andWhere('p.workshopId = :workshopId', { workshopId: filter.workshopId });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    // Containment keeps the GIN index on tags usable.
    if (filter.tag) query.andWhere('p.tags @> ARRAY[CAST(:tag AS text)]', { tag: filter.tag });
    if (filter.priceMin !== undefined)
      query.andWhere('p.priceRupiah >= :priceMin', { priceMin: filter.priceMin });
    if (filter.priceMax !== undefined)
      query.andWhere('p.priceRupiah <= :priceMax', { priceMax: filter.priceMax });
    const direction = order.direction === 'asc' ? 'ASC' : 'DESC';
    return query
      .orderBy(ORDER_BY[order.sort], direction)
      .addOrderBy('p.id', direction)
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** The product when it exists within the filter (null filter = any institution). */
  async findVisible(
    id: string,
    institutionId: string | null,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Product | null> {
    return manager.findOne(Product, {
      where: institutionId === null ? { id } : { id, institutionId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async insert(values: NewProduct, manager: EntityManager): Promise<Product> {
    return manager.save(
      Product,
      manager.create(Product, { ...values, status: 'active', archivedAt: null }),
    );
  }

  async update(id: string, changes: ProductChanges, manager: EntityManager): Promise<Product> {
    await manager.update(Product, { id }, changes);
    return manager.findOneOrFail(Product, { where: { id } });
  }

  async touch(id: string, manager: EntityManager): Promise<Product> {
    await manager.update(Product, { id }, { updatedAt: () => 'now()' });
    return manager.findOneOrFail(Product, { where: { id } });
  }

  async linksFor(
    productIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProductMarketplaceLink[]> {
    if (productIds.length === 0) return [];
    return manager.find(ProductMarketplaceLink, {
      where: { productId: In(productIds) },
      order: { createdAt: 'ASC', url: 'ASC' },
    });
  }

  async insertLinks(links: NewMarketplaceLink[], manager: EntityManager): Promise<void> {
    if (links.length > 0) await manager.insert(ProductMarketplaceLink, links);
  }

  async updateLink(
    id: string,
    changes: MarketplaceLinkChanges,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(ProductMarketplaceLink, { id }, changes);
  }

  async deleteLinks(ids: string[], manager: EntityManager): Promise<void> {
    if (ids.length > 0) await manager.delete(ProductMarketplaceLink, { id: In(ids) });
  }
}
