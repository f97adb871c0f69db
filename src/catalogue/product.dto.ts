import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto, PageResponse } from '../common/pagination';
import { OmittableNotNull, QueryInteger, Trim } from '../common/dto-decorators';
import {
  MARKETPLACES,
  MAX_LINK_LABEL_LENGTH,
  MAX_MARKETPLACE_LINKS,
  MAX_MARKETPLACE_URL_LENGTH,
} from './marketplace-link';
import type { Marketplace } from './marketplace-link';
import { Product, PRODUCT_STATUSES, ProductMarketplaceLink } from './product.entity';
import type { ProductStatus } from './product.entity';
import { formatRupiah, MAX_PRICE_RUPIAH } from './rupiah';
import { MAX_TAG_LENGTH, MAX_TAGS } from './tags';

export const PRODUCT_NAME_MAX = 200;
export const PRODUCT_DESCRIPTION_MAX = 5000;
export const PRODUCT_SORTS = ['name', 'price', 'createdAt', 'updatedAt'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Price rules shared by the body field and the list filters; every message names the field. */
function RupiahAmount(): PropertyDecorator {
  return (target, key) => {
    const message = `${String(key)} must be a whole number of rupiah from 0 to ${MAX_PRICE_RUPIAH}, written without dots or decimals (e.g. 150000)`;
    IsInt({ message })(target, key);
    Min(0, { message })(target, key);
    Max(MAX_PRICE_RUPIAH, { message })(target, key);
  };
}

export class ProductListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Searches name, description, SKU and tags', maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  workshopId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, description: 'Both when omitted' })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({
    maxLength: 100,
    description: `One tag, compared after normalising (lower case, no leading #, at most ${MAX_TAG_LENGTH} characters)`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_RUPIAH })
  @IsOptional()
  @QueryInteger()
  @RupiahAmount()
  priceMin?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_RUPIAH })
  @IsOptional()
  @QueryInteger()
  @RupiahAmount()
  priceMax?: number;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  @ApiPropertyOptional({
    enum: SORT_DIRECTIONS,
    description: 'Defaults to asc for name and price, desc for dates',
  })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  direction?: SortDirection;
}

export class MarketplaceLinkInput {
  @ApiProperty({ enum: MARKETPLACES })
  @IsIn(MARKETPLACES)
  marketplace: Marketplace;

  @ApiProperty({
    example: 'https://www.tokopedia.com/toko-lapas/kaos-sablon',
    maxLength: MAX_MARKETPLACE_URL_LENGTH,
    description: 'https only; Tokopedia and Shopee links must be on their own domains',
  })
  @IsString()
  @MaxLength(MAX_MARKETPLACE_URL_LENGTH)
  url: string;

  @ApiPropertyOptional({ maxLength: MAX_LINK_LABEL_LENGTH, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LINK_LABEL_LENGTH)
  label?: string | null;
}

export class CreateProductDto {
  @ApiProperty({ example: 'Kaos Sablon Hari Bakti', minLength: 1, maxLength: PRODUCT_NAME_MAX })
  @Trim()
  @IsString()
  @Length(1, PRODUCT_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ maxLength: PRODUCT_DESCRIPTION_MAX, default: '' })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(PRODUCT_DESCRIPTION_MAX)
  description?: string;

  @ApiProperty({ example: 150000, minimum: 0, maximum: MAX_PRICE_RUPIAH })
  @RupiahAmount()
  priceRupiah: number;

  @ApiProperty({ example: 'SBL-KAOS-001', description: 'Unique per institution; upper-cased' })
  @IsString()
  @MaxLength(100)
  sku: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workshopId: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['kaos', 'sablon'] })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [MarketplaceLinkInput], maxItems: MAX_MARKETPLACE_LINKS })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_MARKETPLACE_LINKS)
  @ValidateNested({ each: true })
  @Type(() => MarketplaceLinkInput)
  marketplaceLinks?: MarketplaceLinkInput[];
}

/** Every field optional; marketplaceLinks, when sent, replaces the whole set. */
export class UpdateProductDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: PRODUCT_NAME_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @Length(1, PRODUCT_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: PRODUCT_DESCRIPTION_MAX })
  @OmittableNotNull()
  @Trim()
  @IsString()
  @MaxLength(PRODUCT_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PRICE_RUPIAH })
  @OmittableNotNull()
  @RupiahAmount()
  priceRupiah?: number;

  @ApiPropertyOptional()
  @OmittableNotNull()
  @IsString()
  @MaxLength(100)
  sku?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OmittableNotNull()
  @IsUUID()
  workshopId?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [MarketplaceLinkInput], maxItems: MAX_MARKETPLACE_LINKS })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_MARKETPLACE_LINKS)
  @ValidateNested({ each: true })
  @Type(() => MarketplaceLinkInput)
  marketplaceLinks?: MarketplaceLinkInput[];
}

export class MarketplaceLinkResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MARKETPLACES })
  marketplace: Marketplace;

  @ApiProperty()
  url: string;

  @ApiProperty({ type: String, nullable: true })
  label: string | null;
}

export class ProductResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  institutionId: string;

  @ApiProperty({ format: 'uuid' })
  workshopId: string;

  @ApiProperty({ example: 'Sablon' })
  workshopName: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 150000, description: 'Whole rupiah' })
  priceRupiah: number;

  @ApiProperty({ example: 'Rp 150.000' })
  priceLabel: string;

  @ApiProperty({ example: 'SBL-KAOS-001' })
  sku: string;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status: ProductStatus;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: [MarketplaceLinkResponse] })
  marketplaceLinks: MarketplaceLinkResponse[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ProductPage extends PageResponse(ProductResponse) {}

/** Tokopedia, then Shopee, then other shops; by address within a marketplace. */
function byMarketplace(a: ProductMarketplaceLink, b: ProductMarketplaceLink): number {
  const order = MARKETPLACES.indexOf(a.marketplace) - MARKETPLACES.indexOf(b.marketplace);
  return order !== 0 ? order : a.url.localeCompare(b.url);
}

export function toMarketplaceLinkResponse(link: ProductMarketplaceLink): MarketplaceLinkResponse {
  return { id: link.id, marketplace: link.marketplace, url: link.url, label: link.label };
}

export function toProductResponse(
  product: Product,
  workshopName: string,
  links: readonly ProductMarketplaceLink[],
): ProductResponse {
  return {
    id: product.id,
    institutionId: product.institutionId,
    workshopId: product.workshopId,
    workshopName,
    name: product.name,
    description: product.description,
    priceRupiah: product.priceRupiah,
    priceLabel: formatRupiah(product.priceRupiah),
    sku: product.sku,
    status: product.status,
    tags: product.tags,
    marketplaceLinks: [...links].sort(byMarketplace).map(toMarketplaceLinkResponse),
    archivedAt: product.archivedAt?.toISOString() ?? null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
