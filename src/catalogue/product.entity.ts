import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ValueTransformer,
} from 'typeorm';
import type { Marketplace } from './marketplace-link';

export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * price_rupiah is bigint, which pg hands back as a string. Prices are capped far below 2^53, so
 * a JS number is exact; anything larger is a corrupted row and must not be rounded silently.
 */
export const rupiahTransformer: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const amount = Number(value);
    if (!Number.isSafeInteger(amount)) {
      throw new RangeError(`price_rupiah ${value} is not a safe integer`);
    }
    return amount;
  },
};

@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'workshop_id' })
  workshopId: string;

  @Column('text')
  name: string;

  @Column('text')
  description: string;

  @Column('bigint', { name: 'price_rupiah', transformer: rupiahTransformer })
  priceRupiah: number;

  @Column('text')
  sku: string;

  @Column('text')
  status: ProductStatus;

  @Column('text', { array: true })
  tags: string[];

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Where the product can be bought; the set is replaced as a whole on update. */
@Entity({ name: 'product_marketplace_links' })
export class ProductMarketplaceLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'institution_id' })
  institutionId: string;

  @Column('uuid', { name: 'product_id' })
  productId: string;

  @Column('text')
  marketplace: Marketplace;

  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  label: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
