import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductArchiveHooks } from './product-archive-hooks';
import { ProductController } from './product.controller';
import { Product, ProductMarketplaceLink } from './product.entity';
import { ProductRepository } from './product.repository';
import { ProductService } from './product.service';
import { WorkshopController } from './workshop.controller';
import { Workshop } from './workshop.entity';
import { WorkshopRepository } from './workshop.repository';
import { WorkshopService } from './workshop.service';

/** Workshops, products and their marketplace links. */
@Module({
  imports: [TypeOrmModule.forFeature([Workshop, Product, ProductMarketplaceLink])],
  controllers: [WorkshopController, ProductController],
  providers: [
    WorkshopRepository,
    WorkshopService,
    ProductRepository,
    ProductService,
    ProductArchiveHooks,
  ],
  exports: [WorkshopService, ProductService, ProductArchiveHooks],
})
export class CatalogueModule {}
