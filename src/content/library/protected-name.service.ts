import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import type { Page } from '../../common/pagination';
import { LibraryCrud } from './library-crud';
import type { LibraryListQueryDto } from './library.dto';
import { LibraryRepository } from './library.repository';
import {
  CreateProtectedNameDto,
  protectedNameAuditView,
  ProtectedNameResponse,
  toProtectedNameResponse,
  UpdateProtectedNameDto,
} from './protected-name.dto';
import { ProtectedName } from './protected-name.entity';

/**
 * The institution's protected-names list (people not in the consent register whose names must
 * never be published). Names are personal data: audit rows and errors never carry them.
 */
@Injectable()
export class ProtectedNameService {
  private readonly crud: LibraryCrud<ProtectedName, ProtectedNameResponse>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    repository: LibraryRepository,
    audit: AuditService,
  ) {
    this.crud = new LibraryCrud(
      {
        entity: ProtectedName,
        labelColumn: 'name',
        uniqueIndex: 'uq_protected_names_name',
        noun: { id: 'Nama yang dilindungi', en: 'Protected name' },
        taken: {
          id: 'Nama ini sudah ada dalam daftar nama yang dilindungi',
          en: 'This name is already on the protected-names list',
        },
        auditType: 'protected_name',
        toResponse: toProtectedNameResponse,
        auditView: protectedNameAuditView,
      },
      dataSource,
      repository,
      audit,
    );
  }

  list(scope: RequestScope, query: LibraryListQueryDto): Promise<Page<ProtectedNameResponse>> {
    return this.crud.list(scope, query);
  }

  get(scope: RequestScope, id: string): Promise<ProtectedNameResponse> {
    return this.crud.get(scope, id);
  }

  create(scope: RequestScope, dto: CreateProtectedNameDto): Promise<ProtectedNameResponse> {
    return this.crud.create(scope, { name: dto.name, note: dto.note ?? '' });
  }

  update(
    scope: RequestScope,
    id: string,
    dto: UpdateProtectedNameDto,
  ): Promise<ProtectedNameResponse> {
    return this.crud.update(scope, id, { name: dto.name, note: dto.note });
  }

  delete(scope: RequestScope, id: string): Promise<void> {
    return this.crud.delete(scope, id);
  }
}
