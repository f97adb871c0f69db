import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  CreateSocialAccountDto,
  SocialAccountListQuery,
  SocialAccountPage,
  SocialAccountResponse,
  UpdateSocialAccountDto,
} from './social-account.dto';
import { SocialAccountService } from './social-account.service';

@ApiTags('publishing')
@Controller('social-accounts')
export class SocialAccountController {
  constructor(private readonly accounts: SocialAccountService) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: SocialAccountPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: SocialAccountListQuery,
  ): Promise<Page<SocialAccountResponse>> {
    return this.accounts.list(scope, query);
  }

  @Get(':id')
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: SocialAccountResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<SocialAccountResponse> {
    return this.accounts.get(scope, id);
  }

  @Post()
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Create a sandbox account',
    description:
      'Sandbox accounts publish into the app’s own feed. Live Instagram, Facebook and X accounts are connected through the platform sign-in (OAuth), which the Publishing feature adds.',
  })
  @ApiCreatedResponse({ type: SocialAccountResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateSocialAccountDto,
  ): Promise<SocialAccountResponse> {
    return this.accounts.create(scope, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.AccountsManage)
  @ApiOkResponse({ type: SocialAccountResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateSocialAccountDto,
  ): Promise<SocialAccountResponse> {
    return this.accounts.update(scope, id, dto);
  }
}
