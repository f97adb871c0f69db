import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../common/dto-decorators';
import type { DeliveryRow, DeliveryStatus, WebhookEndpointRow } from './webhook.repository';

export class SetWebhookDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'https://contoh.go.id/karya-webhook',
    description: 'https:// (http://127.0.0.1 or localhost outside production)',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url: string;
}

export class WebhookResponse {
  @ApiProperty() url: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({
    description: 'The signing secret; returned only when created or rotated, never again',
  })
  secret?: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'Next try while pending' }) nextAttemptAt: Date;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The JSON body sent' })
  payload: Record<string, unknown>;
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
}

export function toWebhookResponse(row: WebhookEndpointRow, secret?: string): WebhookResponse {
  return {
    url: row.url,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...(secret ? { secret } : {}),
  };
}

export function toDeliveryResponse(row: DeliveryRow): WebhookDeliveryResponse {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    payload: row.payload,
  };
}
