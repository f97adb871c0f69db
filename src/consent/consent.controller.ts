import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import { SingleFileUpload, type UploadedBinary } from '../media/upload.interceptor';
import { ConsentWithdrawalService } from './consent-withdrawal.service';
import {
  ConsentDetailResponse,
  ConsentListQuery,
  ConsentPageResponse,
  ConsentResponse,
  ConsentWithdrawalResponse,
  CreateConsentDto,
  CreateConsentFormDto,
  WithdrawConsentDto,
} from './consent.dto';
import { ConsentService, EVIDENCE_FIELD } from './consent.service';

@ApiTags('consent')
@Controller('consents')
export class ConsentController {
  constructor(
    private readonly consents: ConsentService,
    private readonly withdrawals: ConsentWithdrawalService,
  ) {}

  @Post()
  @RequirePermission(Permission.ConsentManage)
  @UseInterceptors(SingleFileUpload(EVIDENCE_FIELD))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    type: CreateConsentFormDto,
    description: `JSON, or multipart with an optional '${EVIDENCE_FIELD}' file (channels repeated or comma-separated)`,
  })
  @ApiCreatedResponse({ type: ConsentResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateConsentDto,
    @UploadedFile() evidence: UploadedBinary | undefined,
  ): Promise<ConsentResponse> {
    return this.consents.create(scope, dto, evidence);
  }

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ConsentPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: ConsentListQuery,
  ): Promise<Page<ConsentResponse>> {
    return this.consents.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: ConsentDetailResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<ConsentDetailResponse> {
    return this.consents.get(scope, id);
  }

  /** The signed form itself is for those who manage consent, not every reader. */
  @Get(':id/evidence')
  @RequirePermission(Permission.ConsentManage)
  @Header('Cache-Control', 'private, no-store')
  @Header('Content-Security-Policy', 'sandbox')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The evidence file, as an attachment' })
  evidence(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<StreamableFile> {
    return this.consents.evidence(scope, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.ConsentManage)
  @ApiOkResponse({ type: ConsentWithdrawalResponse })
  withdraw(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<ConsentWithdrawalResponse> {
    return this.withdrawals.withdraw(scope, id, dto);
  }
}
