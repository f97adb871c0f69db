import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  CreateProductDto,
  ProductListQuery,
  ProductPage,
  ProductResponse,
  UpdateProductDto,
} from './product.dto';
import { ProductService } from './product.service';

/** No DELETE: products are archived, so posts, links and metrics keep what they refer to. */
@ApiTags('catalogue')
@Controller('products')
export class ProductController {
  constructor(private readonly products: ProductService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ProductPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: ProductListQuery,
  ): Promise<Page<ProductResponse>> {
    return this.products.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ProductResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ProductResponse> {
    return this.products.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.CatalogueWrite)
  @ApiCreatedResponse({ type: ProductResponse })
  create(@Scope() scope: RequestScope, @Body() dto: CreateProductDto): Promise<ProductResponse> {
    return this.products.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.CatalogueWrite)
  @ApiOkResponse({ type: ProductResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductResponse> {
    return this.products.update(scope, id, dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission(Permission.CatalogueWrite)
  @ApiOkResponse({ type: ProductResponse })
  archive(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ProductResponse> {
    return this.products.archive(scope, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission(Permission.CatalogueWrite)
  @ApiOkResponse({ type: ProductResponse })
  restore(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ProductResponse> {
    return this.products.restore(scope, id);
  }
}
