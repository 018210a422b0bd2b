import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Role } from '@app/contracts';
import { ApiKeyService } from './api-key.service';
import { mayActForProvider, Principal } from './principal';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';

const PUBLIC = 'ledger:public';
const ROLES = 'ledger:roles';
const PROVIDER_PARAM = 'ledger:provider-param';

/** Marks a route that needs no API key (health, metrics). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Roles allowed on a route; scope checks against path parameters happen in the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The route acts for the provider named by this path parameter: provider keys must be
 * scoped to it (admins may act for any). Checked before the body is even validated.
 */
export const ProviderScoped = (param = 'providerId') => SetMetadata(PROVIDER_PARAM, param);

interface RouteAccess {
  public: boolean;
  roles: Role[] | undefined;
  param: string | undefined;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route is authenticated unless marked @Public(), and role-checked when marked @Roles().
 * Not a global guard by itself: the platform's AccessGuard runs it first and then applies the
 * rate limits, so only authenticated principals are counted per key.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.access(context);
    if (access.public) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // A request with a body was authenticated before its body was read (the platform's BodyGate).
    const principal = req.principal ?? (await this.authenticate(req));
    if (access.roles && !access.roles.includes(principal.role)) throw new ForbiddenError();
    if (access.param !== undefined && !mayActForProvider(principal, String(req.params[access.param]))) throw new ForbiddenError();
    return true;
  }

  /** What a route's decorators ask for, read once per route: decorators are fixed once the app is built. */
  private access(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        public: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
        param: this.reflector.getAllAndOverride<string | undefined>(PROVIDER_PARAM, targets),
      };
      byHandler.set(handler, access);
    }
    return access;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) throw new UnauthenticatedError();
    const checked = await this.keys.check(token);
    if (!checked.ok) throw new UnauthenticatedError(checked.message);
    req.principal = checked.principal;
    return checked.principal;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}
