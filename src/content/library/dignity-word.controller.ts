import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CreateDignityWordDto,
  DignityWordPage,
  DignityWordResponse,
  UpdateDignityWordDto,
} from './dignity-word.dto';
import { DignityWordService } from './dignity-word.service';
import { LibraryListQueryDto } from './library.dto';

/** The institution's word list is policy: its administrators change it. */
@ApiTags('dignity')
@Controller('dignity-words')
export class DignityWordController {
  constructor(private readonly words: DignityWordService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: DignityWordPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: LibraryListQueryDto,
  ): Promise<Page<DignityWordResponse>> {
    return this.words.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: DignityWordResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<DignityWordResponse> {
    return this.words.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.InstitutionManage)
  @ApiCreatedResponse({ type: DignityWordResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateDignityWordDto,
  ): Promise<DignityWordResponse> {
    return this.words.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.InstitutionManage)
  @ApiOkResponse({ type: DignityWordResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateDignityWordDto,
  ): Promise<DignityWordResponse> {
    return this.words.update(scope, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.InstitutionManage)
  @ApiNoContentResponse({ description: 'Deleted' })
  delete(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<void> {
    return this.words.delete(scope, id);
  }
}
