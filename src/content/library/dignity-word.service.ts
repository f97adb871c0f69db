import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import type { Page } from '../../common/pagination';
import {
  CreateDignityWordDto,
  DignityWordResponse,
  toDignityWordResponse,
  UpdateDignityWordDto,
} from './dignity-word.dto';
import { DignityWord } from './dignity-word.entity';
import { LibraryCrud } from './library-crud';
import type { LibraryListQueryDto } from './library.dto';
import { LibraryRepository } from './library.repository';

/** The institution's own list of words the dignity check flags. */
@Injectable()
export class DignityWordService {
  private readonly crud: LibraryCrud<DignityWord, DignityWordResponse>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    repository: LibraryRepository,
    audit: AuditService,
  ) {
    this.crud = new LibraryCrud(
      {
        entity: DignityWord,
        labelColumn: 'word',
        uniqueIndex: 'uq_dignity_words_word',
        noun: { id: 'Kata', en: 'Word' },
        taken: {
          id: 'Kata ini sudah ada dalam daftar kata lembaga Anda',
          en: "This word is already on your institution's word list",
        },
        auditType: 'dignity_word',
        toResponse: toDignityWordResponse,
        auditView: toDignityWordResponse,
      },
      dataSource,
      repository,
      audit,
    );
  }

  list(scope: RequestScope, query: LibraryListQueryDto): Promise<Page<DignityWordResponse>> {
    return this.crud.list(scope, query);
  }

  get(scope: RequestScope, id: string): Promise<DignityWordResponse> {
    return this.crud.get(scope, id);
  }

  create(scope: RequestScope, dto: CreateDignityWordDto): Promise<DignityWordResponse> {
    return this.crud.create(scope, { word: dto.word });
  }

  update(scope: RequestScope, id: string, dto: UpdateDignityWordDto): Promise<DignityWordResponse> {
    return this.crud.update(scope, id, { word: dto.word });
  }

  delete(scope: RequestScope, id: string): Promise<void> {
    return this.crud.delete(scope, id);
  }
}
