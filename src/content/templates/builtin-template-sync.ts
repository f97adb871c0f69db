import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { builtInTemplates } from '../rendering/builtins';
import { canonicalJson } from '../rendering/cache-key';
import { ImageTemplateRepository } from './image-template.repository';

/**
 * Copies the built-ins shipped in assets/templates into image_templates at start-up, by (key,
 * version). Stored versions are never changed: posts keep pointing at the version they used,
 * so a changed built-in must carry a new version number.
 */
@Injectable()
export class BuiltInTemplateSync implements OnApplicationBootstrap {
  private readonly logger = new Logger(BuiltInTemplateSync.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: ImageTemplateRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
  }

  /** Inserts the missing built-in versions; returns how many were new. */
  async sync(): Promise<number> {
    const shipped = builtInTemplates();
    let inserted = 0;
    for (const template of shipped) {
      const row = {
        institutionId: null,
        key: template.id,
        version: template.version,
        name: template.name,
        networks: template.networks,
        definition: template,
        isBuiltin: true,
        createdBy: null,
        createdAt: this.clock.now(),
      };
      await this.dataSource.transaction(async (manager) => {
        const id = await this.templates.insertBuiltInIfMissing(row, manager);
        if (id === null) return;
        inserted++;
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            institutionId: null,
            action: 'create',
            entityType: 'image_template',
            entityId: id,
            after: { key: row.key, version: row.version, name: row.name, builtin: true },
          },
          manager,
        );
      });
    }
    await this.warnAboutEditedBuiltIns(shipped.map((t) => [t.id, t.version, canonicalJson(t)]));
    return inserted;
  }

  /** A shipped file edited without a version bump is ignored; say so instead of failing start-up. */
  private async warnAboutEditedBuiltIns(shipped: [string, number, string][]): Promise<void> {
    const stored = new Map(
      (await this.templates.findBuiltIns()).map((r) => [
        `${r.key}@${r.version}`,
        canonicalJson(r.definition),
      ]),
    );
    for (const [key, version, json] of shipped) {
      if (stored.get(`${key}@${version}`) !== json) {
        this.logger.warn(
          `Built-in template ${key} version ${version} differs from the stored one; bump its version to publish the change`,
        );
      }
    }
  }
}
