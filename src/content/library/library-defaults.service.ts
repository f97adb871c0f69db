import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, SYSTEM_ACTOR } from '../../audit/audit.service';
import { InstitutionCreatedHooks } from '../../institutions/institution-created-hooks';
import { CaptionTemplateService } from './caption-template.service';
import { HashtagGroupService } from './hashtag-group.service';

/**
 * Gives an institution the shipped caption templates and hashtag groups: every new one as it is
 * created, and the demo's.
 */
@Injectable()
export class LibraryDefaultsService implements OnModuleInit {
  constructor(
    private readonly captionTemplates: CaptionTemplateService,
    private readonly hashtagGroups: HashtagGroupService,
    private readonly institutionHooks: InstitutionCreatedHooks,
  ) {}

  onModuleInit(): void {
    this.institutionHooks.register((event, manager) =>
      this.seedDefaults(event.institutionId, manager, event.actor),
    );
  }

  /**
   * Adds the defaults the institution does not have yet (matched by name, so one it renamed or
   * deleted comes back, one it edited stays as edited). Runs in the caller's transaction.
   */
  async seedDefaults(
    institutionId: string,
    manager: EntityManager,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<void> {
    await this.captionTemplates.seedDefaults(institutionId, manager, actor);
    await this.hashtagGroups.seedDefaults(institutionId, manager, actor);
  }
}
