import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../../auth/auth.decorators';
import type { RequestScope } from '../../auth/request-scope';
import { Permission } from '../../auth/roles';
import type { Page } from '../../common/pagination';
import { UuidParam } from '../../common/uuid.pipe';
import {
  ConnectOptionsResponse,
  GraphConnectionResponse,
  GraphConnectPageDto,
  GraphConnectStartDto,
  XAuthorizeDto,
  XAuthorizeResponse,
  XCallbackDto,
  XUserKeysDto,
} from './account-connect.dto';
import { GraphConnectService } from './graph-connect.service';
import { LiveAccountsService } from './live-accounts.service';
import {
  CreateSocialAccountDto,
  SocialAccountListQuery,
  SocialAccountPage,
  SocialAccountResponse,
  UpdateSocialAccountDto,
} from './social-account.dto';
import { SocialAccountService } from './social-account.service';
import { XConnectService } from './x-connect.service';

const SIGN_IN_NOTE =
  'Connecting again to a platform account the institution already has reconnects it: its credentials are replaced and its status becomes connected. Tokens are stored encrypted and never returned. 409 names the missing configuration variable when the platform app is not configured.';

@ApiTags('publishing')
@Controller('social-accounts')
export class SocialAccountController {
  constructor(
    private readonly accounts: SocialAccountService,
    private readonly live: LiveAccountsService,
    private readonly graph: GraphConnectService,
    private readonly x: XConnectService,
  ) {}

  @Get()
  @RequirePermission(Permission.Read)
  @ApiOkResponse({ type: SocialAccountPage })
  list(
    @Scope() scope: RequestScope,
    @Query() query: SocialAccountListQuery,
  ): Promise<Page<SocialAccountResponse>> {
    return this.accounts.list(scope, query);
  }

  @Get('connect-options')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Which platform sign-ins this server is configured for',
    description:
      'Read-only: tells the UI which connect flows it can offer before anyone tries one (each refuses with 409 naming the missing variable otherwise). Never returns the settings themselves.',
  })
  @ApiOkResponse({ type: ConnectOptionsResponse })
  connectOptions(): ConnectOptionsResponse {
    return { graph: this.graph.configured(), ...this.x.configuredFlows() };
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
      'Sandbox accounts publish into the app’s own feed. Live Instagram, Facebook and X accounts are connected through the platform sign-in (graph/connections, x/authorize, x/user-keys).',
  })
  @ApiCreatedResponse({ type: SocialAccountResponse })
  create(
    @Scope() scope: RequestScope,
    @Body() dto: CreateSocialAccountDto,
  ): Promise<SocialAccountResponse> {
    return this.accounts.create(scope, dto);
  }

  @Post('graph/connections')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Facebook Login, step 1: list the Pages and Instagram accounts to connect',
    description:
      'Exchanges the short-lived user token for a long-lived one (META_APP_ID, META_APP_SECRET) and lists the Pages the person manages with their linked Instagram business accounts. The tokens stay on the server under connectionId for 30 minutes.',
  })
  @ApiCreatedResponse({ type: GraphConnectionResponse })
  startGraph(
    @Scope() scope: RequestScope,
    @Body() dto: GraphConnectStartDto,
  ): Promise<GraphConnectionResponse> {
    return this.graph.start(scope, dto);
  }

  @Post('graph/accounts')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Facebook Login, step 2: connect a Page and/or its Instagram business account',
    description: SIGN_IN_NOTE,
  })
  @ApiCreatedResponse({ type: [SocialAccountResponse] })
  connectGraph(
    @Scope() scope: RequestScope,
    @Body() dto: GraphConnectPageDto,
  ): Promise<SocialAccountResponse[]> {
    return this.graph.connect(scope, dto);
  }

  @Post('x/authorize')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'X sign-in (OAuth 2.0 with PKCE), step 1: the authorize link',
    description:
      'Needs X_CLIENT_ID (and X_CLIENT_SECRET for a confidential client). Asks for offline.access so that Karya can refresh the two-hour tokens. The PKCE verifier stays on the server.',
  })
  @ApiCreatedResponse({ type: XAuthorizeResponse })
  authorizeX(
    @Scope() scope: RequestScope,
    @Body() dto: XAuthorizeDto,
  ): Promise<XAuthorizeResponse> {
    return this.x.authorize(scope, dto);
  }

  @Post('x/callback')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'X sign-in, step 2: connect the account with the code X returned',
    description: SIGN_IN_NOTE,
  })
  @ApiCreatedResponse({ type: SocialAccountResponse })
  completeX(
    @Scope() scope: RequestScope,
    @Body() dto: XCallbackDto,
  ): Promise<SocialAccountResponse> {
    return this.x.callback(scope, dto);
  }

  @Post('x/user-keys')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Connect an X account with OAuth 1.0a user keys',
    description: `The alternative to the X sign-in: needs X_CONSUMER_KEY and X_CONSUMER_SECRET; the keys are checked with X before they are stored. ${SIGN_IN_NOTE}`,
  })
  @ApiCreatedResponse({ type: SocialAccountResponse })
  connectXUserKeys(
    @Scope() scope: RequestScope,
    @Body() dto: XUserKeysDto,
  ): Promise<SocialAccountResponse> {
    return this.x.connectUserKeys(scope, dto);
  }

  @Delete(':id/credentials')
  @RequirePermission(Permission.AccountsManage)
  @ApiOperation({
    summary: 'Disconnect a live account',
    description:
      'Deletes its stored credentials; the account and its history stay, marked needs_reauth until someone signs in again.',
  })
  @ApiOkResponse({ type: SocialAccountResponse })
  disconnect(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
  ): Promise<SocialAccountResponse> {
    return this.live.disconnect(scope, id);
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
