import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  CreateInstitutionDto,
  InstitutionListQueryDto,
  InstitutionPageResponse,
  InstitutionResponse,
  UpdateInstitutionDto,
} from './institution.dto';
import { InstitutionService } from './institution.service';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionController {
  constructor(private readonly institutions: InstitutionService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: InstitutionPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: InstitutionListQueryDto,
  ): Promise<Page<InstitutionResponse>> {
    return this.institutions.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: InstitutionResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<InstitutionResponse> {
    return this.institutions.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.InstitutionCreate)
  @ApiCreatedResponse({ type: InstitutionResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateInstitutionDto,
  ): Promise<InstitutionResponse> {
    return this.institutions.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.InstitutionManage)
  @ApiOkResponse({ type: InstitutionResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateInstitutionDto,
  ): Promise<InstitutionResponse> {
    return this.institutions.update(scope, id, dto);
  }
}
