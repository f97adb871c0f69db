import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { Trim } from '../../common/dto-decorators';

export const GRAPH_NETWORKS = ['facebook', 'instagram'] as const;
export type GraphNetwork = (typeof GRAPH_NETWORKS)[number];

const TOKEN_MAX = 4096;

export class GraphConnectStartDto {
  @ApiProperty({
    description:
      'The short-lived user access token from Facebook Login (pages_manage_posts, pages_read_engagement, instagram_basic, instagram_content_publish). Exchanged at once; never stored as sent.',
    writeOnly: true,
  })
  @Trim()
  @IsString()
  @Length(1, TOKEN_MAX)
  userAccessToken: string;
}

export class GraphInstagramChoice {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
}

export class GraphPageChoiceResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: GraphInstagramChoice,
    nullable: true,
    description: 'The Instagram business account linked to the Page',
  })
  instagramAccount: GraphInstagramChoice | null;
}

/** The Pages to choose from; the tokens stay on the server with the connection. */
export class GraphConnectionResponse {
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: [GraphPageChoiceResponse] }) pages: GraphPageChoiceResponse[];
}

export class GraphConnectPageDto {
  @ApiProperty({ format: 'uuid', description: 'From the first step' })
  @IsUUID()
  connectionId: string;

  @ApiProperty({ example: '104857600123456' })
  @IsString()
  @Matches(/^\d{1,40}$/, { message: 'pageId must be a Page id from the first step' })
  pageId: string;

  @ApiProperty({
    enum: GRAPH_NETWORKS,
    isArray: true,
    description: 'Connect the Page, its Instagram business account, or both',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(GRAPH_NETWORKS, { each: true })
  networks: GraphNetwork[];
}

export class XAuthorizeDto {
  @ApiProperty({
    example: 'https://karya.example.id/app/akun/x/callback',
    description: "Where X sends the person back; must be registered in the X app's settings",
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @Length(1, 2000)
  redirectUri: string;
}

export class ConnectOptionsResponse {
  @ApiProperty({
    description:
      'Facebook Login (Facebook Pages, Instagram business accounts) is configured: META_APP_ID and META_APP_SECRET are set',
  })
  graph: boolean;

  @ApiProperty({
    description: 'The X sign-in (OAuth 2.0 with PKCE) is configured: X_CLIENT_ID is set',
  })
  xOAuth2: boolean;

  @ApiProperty({
    description:
      'Connecting X with OAuth 1.0a user keys is configured: X_CONSUMER_KEY and X_CONSUMER_SECRET are set',
  })
  xUserKeys: boolean;
}

export class XAuthorizeResponse {
  @ApiProperty({ description: 'Send the person here to sign in to X' }) authorizeUrl: string;
  @ApiProperty() state: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class XCallbackDto {
  @ApiProperty({ description: 'The state X returned with the code' })
  @IsString()
  @Length(1, 200)
  state: string;

  @ApiProperty({ description: 'The authorization code X returned', writeOnly: true })
  @IsString()
  @Length(1, TOKEN_MAX)
  code: string;
}

export class XUserKeysDto {
  @ApiProperty({ description: 'OAuth 1.0a access token of the account', writeOnly: true })
  @Trim()
  @IsString()
  @Length(1, TOKEN_MAX)
  accessToken: string;

  @ApiProperty({ description: 'OAuth 1.0a access token secret', writeOnly: true })
  @Trim()
  @IsString()
  @Length(1, TOKEN_MAX)
  accessSecret: string;
}
