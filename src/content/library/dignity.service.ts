import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import { InstitutionRepository } from '../../institutions/institution.repository';
import { checkDignity, type DignityContext, type DignityFinding } from '../dignity';
import { CheckDignityDto, DignityCheckResponse, toDignityFindingResponse } from './dignity.dto';
import { LibraryRepository } from './library.repository';

/** A hotline field may hold more than one number ("(021) 8195004 / 0811 …"). */
const HOTLINE_SEPARATORS = /[,;/]/;

/**
 * The dignity check with an institution's own data. The context is read fresh on every call,
 * deliberately: a name added to the register must be flagged by the very next check.
 */
@Injectable()
export class DignityService {
  constructor(
    private readonly lists: LibraryRepository,
    private readonly institutions: InstitutionRepository,
  ) {}

  async contextFor(institutionId: string, manager?: EntityManager): Promise<DignityContext> {
    const institution = await this.institutions.findById(institutionId, manager);
    if (!institution) throw AppError.notFound({ id: 'Lembaga', en: 'Institution' });
    const { names, words } = await this.lists.dignityLists(institutionId, manager);
    return {
      protectedNames: names,
      extraWords: words,
      allowedPhones: (institution.hotline ?? '')
        .split(HOTLINE_SEPARATORS)
        .map((phone) => phone.trim())
        .filter((phone) => phone !== ''),
      institutionName: institution.name,
    };
  }

  async check(
    institutionId: string,
    text: string,
    manager?: EntityManager,
  ): Promise<DignityFinding[]> {
    return checkDignity(text, await this.contextFor(institutionId, manager));
  }

  /** One context read for many texts (a post's caption variants and image texts). */
  async checker(
    institutionId: string,
    manager?: EntityManager,
  ): Promise<(text: string) => DignityFinding[]> {
    const context = await this.contextFor(institutionId, manager);
    return (text) => checkDignity(text, context);
  }

  async checkText(scope: RequestScope, dto: CheckDignityDto): Promise<DignityCheckResponse> {
    const findings = await this.check(scope.requireInstitution(), dto.text);
    return { ok: findings.length === 0, findings: findings.map(toDignityFindingResponse) };
  }
}
