import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, SYSTEM_ACTOR } from '../../audit/audit.service';
import { CaptionTemplateService } from './caption-template.service';
import { HashtagGroupService } from './hashtag-group.service';

/** Gives an institution the shipped caption templates and hashtag groups. */
@Injectable()
export class LibraryDefaultsService {
  constructor(
    private readonly captionTemplates: CaptionTemplateService,
    private readonly hashtagGroups: HashtagGroupService,
  ) {}

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
