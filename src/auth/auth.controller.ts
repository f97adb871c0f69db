import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Public, Scope } from './auth.decorators';
import { ChangePasswordDto, LoginDto, LoginResponse, MeResponse } from './auth.dto';
import { clearSessionCookie, clientOf, RetryAfterInterceptor, setSessionCookie } from './auth-http';
import { AuthService } from './auth.service';
import { RequestScope } from './request-scope';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sets the httpOnly session cookie for the UI and returns the same token for API clients. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or the user is inactive' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts; see Retry-After' })
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(dto, clientOf(request));
    setSessionCookie(response, this.config, session);
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(
    @Scope() scope: RequestScope,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(scope);
    clearSessionCookie(response, this.config);
  }

  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@Scope() scope: RequestScope): Promise<MeResponse> {
    return this.auth.me(scope);
  }

  /** Other sessions end; this one stays. */
  @Post('password')
  @HttpCode(204)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiNoContentResponse()
  changePassword(
    @Scope() scope: RequestScope,
    @Body() dto: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<void> {
    return this.auth.changePassword(scope, dto, clientOf(request));
  }
}
