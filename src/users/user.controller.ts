import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Scope } from '../auth/auth.decorators';
import { RequestScope } from '../auth/request-scope';
import { Permission } from '../auth/roles';
import type { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid.pipe';
import {
  CreateUserDto,
  ResetPasswordDto,
  UpdateUserDto,
  UserListQueryDto,
  UserPageResponse,
  UserResponse,
} from './user.dto';
import { UserService } from './user.service';

@ApiTags('users')
@Controller('users')
@RequirePermission(Permission.UsersManage)
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOkResponse({ type: UserPageResponse })
  list(
    @Scope() scope: RequestScope,
    @Query() query: UserListQueryDto,
  ): Promise<Page<UserResponse>> {
    return this.users.list(scope, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  get(@Scope() scope: RequestScope, @UuidParam('id') id: string): Promise<UserResponse> {
    return this.users.get(scope, id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  create(@Scope() scope: RequestScope, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(scope, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  update(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(scope, id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(204)
  @ApiNoContentResponse()
  resetPassword(
    @Scope() scope: RequestScope,
    @UuidParam('id') id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(scope, id, dto);
  }
}
