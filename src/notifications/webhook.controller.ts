import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import type { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import {
  SetWebhookDto,
  WebhookDeliveryListResponse,
  WebhookDeliveryResponse,
  WebhookResponse,
} from './webhook.dto';
import { WebhookService } from './webhook.service';

@ApiTags('notifications')
@Controller('webhook')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  @RequirePermission(Permission.InstitutionManage)
  @ApiOkResponse({ type: WebhookResponse })
  get(@Scope() scope: RequestScope): Promise<WebhookResponse> {
    return this.webhooks.get(scope);
  }

  @Put()
  @RequirePermission(Permission.InstitutionManage)
  @ApiOperation({ summary: 'Create the webhook (the secret is returned once) or change its URL' })
  @ApiOkResponse({ type: WebhookResponse })
  set(@Scope() scope: RequestScope, @Body() dto: SetWebhookDto): Promise<WebhookResponse> {
    return this.webhooks.set(scope, dto);
  }

  @Post('rotate-secret')
  @HttpCode(200)
  @RequirePermission(Permission.InstitutionManage)
  @ApiOperation({ summary: 'New signing secret, returned once; the old one stops at once' })
  @ApiOkResponse({ type: WebhookResponse })
  rotate(@Scope() scope: RequestScope): Promise<WebhookResponse> {
    return this.webhooks.rotateSecret(scope);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission(Permission.InstitutionManage)
  @ApiNoContentResponse()
  remove(@Scope() scope: RequestScope): Promise<void> {
    return this.webhooks.remove(scope);
  }

  @Get('deliveries')
  @RequirePermission(Permission.InstitutionManage)
  @ApiOkResponse({ type: WebhookDeliveryListResponse })
  deliveries(@Scope() scope: RequestScope): Promise<WebhookDeliveryListResponse> {
    return this.webhooks.recentDeliveries(scope);
  }

  @Post('test')
  @HttpCode(200)
  @RequirePermission(Permission.InstitutionManage)
  @ApiOperation({ summary: 'Send a signed test event now' })
  @ApiOkResponse({ type: WebhookDeliveryResponse })
  test(@Scope() scope: RequestScope): Promise<WebhookDeliveryResponse> {
    return this.webhooks.sendTest(scope);
  }
}
