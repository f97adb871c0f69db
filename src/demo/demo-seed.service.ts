import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { ProductService } from '../catalogue/product.service';
import { WorkshopService } from '../catalogue/workshop.service';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LibraryDefaultsService } from '../content/library/library-defaults.service';
import { InstitutionRepository } from '../institutions/institution.repository';
import { MediaService } from '../media/media.service';
import { SocialAccountService } from '../publishing/accounts/social-account.service';
import { UserRepository } from '../users/user.repository';
import { DEMO_INSTITUTION, DEMO_PASSWORD, DEMO_PRODUCTS, DEMO_USERS } from './demo-data';
import { renderDemoProductImage } from './demo-images';
import { DemoMetricsHistory } from './demo-metrics-history';
import { DemoRepository } from './demo.repository';

export interface DemoLogin {
  email: string;
  role: string;
  password: string;
}

/**
 * Creates the demo institution (Lapas Kelas I Cipinang) with its workshops, products, cleared
 * product photos (illustrations, no people) and one user per role. Idempotent: a second run
 * only fills in what is missing. Never in production.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly demo: DemoRepository,
    private readonly institutions: InstitutionRepository,
    private readonly users: UserRepository,
    private readonly workshops: WorkshopService,
    private readonly products: ProductService,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly library: LibraryDefaultsService,
    private readonly socialAccounts: SocialAccountService,
    private readonly metricsHistory: DemoMetricsHistory,
  ) {}

  get logins(): DemoLogin[] {
    return DEMO_USERS.map((u) => ({ email: u.email, role: u.role, password: DEMO_PASSWORD }));
  }

  /** Seeds only a database without any institution (first start). */
  async seedIfEmpty(): Promise<boolean> {
    if ((await this.demo.institutionCount()) > 0) return false;
    await this.seed();
    return true;
  }

  async isSeeded(): Promise<boolean> {
    return (await this.demo.institutionIdBySlug(DEMO_INSTITUTION.slug)) !== null;
  }

  async seed(): Promise<void> {
    if (this.config.isProduction) {
      throw new AppError(ErrorCode.Forbidden, {
        id: 'Data demo tidak boleh dibuat di produksi',
        en: 'Demo data is refused in production',
      });
    }
    const institutionId =
      (await this.demo.institutionIdBySlug(DEMO_INSTITUTION.slug)) ??
      (await this.createInstitution());
    await this.addPhotos(institutionId);
    await this.dataSource.transaction(async (manager) => {
      await this.library.seedDefaults(institutionId, manager);
      await this.socialAccounts.createSandboxAccounts(institutionId, manager);
    });
    await this.metricsHistory.seed(institutionId);
  }

  private async createInstitution(): Promise<string> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const institution = await this.institutions.insert(DEMO_INSTITUTION, now, manager);
      const base = { actor: SYSTEM_ACTOR, institutionId: institution.id };
      await this.audit.record(
        {
          ...base,
          action: 'create',
          entityType: 'institution',
          entityId: institution.id,
          after: institution,
        },
        manager,
      );
      for (const user of DEMO_USERS) {
        const national = user.role === 'national_admin' || user.role === 'national_manager';
        const created = await this.users.insert(
          { ...user, institutionId: national ? null : institution.id, passwordHash, locale: 'id' },
          now,
          manager,
        );
        await this.audit.record(
          {
            ...base,
            institutionId: created.institutionId,
            action: 'create',
            entityType: 'user',
            entityId: created.id,
            after: { email: created.email, role: created.role },
          },
          manager,
        );
      }
      const workshops = await this.workshops.seedDefaultWorkshops(institution.id, manager);
      const workshopIdByName = new Map(workshops.map((w) => [w.name, w.id]));
      for (const product of DEMO_PRODUCTS) {
        const workshopId = workshopIdByName.get(product.workshop);
        if (!workshopId) throw new Error(`Demo product ${product.sku} names an unknown workshop`);
        await this.products.createIn(
          institution.id,
          {
            name: product.name,
            description: product.description,
            priceRupiah: product.priceRupiah,
            sku: product.sku,
            workshopId,
            tags: product.tags,
            marketplaceLinks: [
              ...(product.tokopedia
                ? [{ marketplace: 'tokopedia' as const, url: product.tokopedia }]
                : []),
              ...(product.shopee ? [{ marketplace: 'shopee' as const, url: product.shopee }] : []),
            ],
          },
          SYSTEM_ACTOR,
          manager,
        );
      }
      return institution.id;
    });
  }

  private async addPhotos(institutionId: string): Promise<void> {
    const bySku = new Map(DEMO_PRODUCTS.map((p) => [p.sku, p]));
    for (const { id, sku } of await this.demo.productsWithoutPhotos(institutionId)) {
      const product = bySku.get(sku);
      if (!product) continue;
      const image = await renderDemoProductImage(product.drawing, product.colour, product.accent);
      await this.media.ingest(image, `${sku.toLowerCase()}.jpg`, {
        institutionId,
        actor: SYSTEM_ACTOR,
        productId: id,
        altText: `Foto produk ${product.name}`,
        clearance: 'no_identifiable_person',
      });
    }
  }
}
