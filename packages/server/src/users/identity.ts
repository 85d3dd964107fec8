import type { AppContext } from '../app/services.js';
import { AuthRepo } from '../auth/auth.repo.js';
import { AuthService } from '../auth/auth.service.js';
import { ApiTokenService } from '../auth/tokens.service.js';
import { ClassesRepo } from '../classes/classes.repo.js';
import { ClassService } from '../classes/classes.service.js';
import { LrsCredentialsRepo } from '../lrs-credentials/lrs-credentials.repo.js';
import { LrsCredentialService } from '../lrs-credentials/lrs-credentials.service.js';
import type { TenantService } from '../tenants/tenants.service.js';
import { UserImportRepo } from './users-import.repo.js';
import { UserImportService } from './users-import.service.js';
import { UsersRepo } from './users.repo.js';
import { UserService } from './users.service.js';

/** The identity domain's services: users, sign-in and tokens, classes, LRS credentials. */
export interface IdentityServices {
  users: UserService;
  userImport: UserImportService;
  auth: AuthService;
  apiTokens: ApiTokenService;
  classes: ClassService;
  lrsCredentials: LrsCredentialService;
}

export function createIdentityServices(ctx: AppContext, tenants: TenantService): IdentityServices {
  const db = ctx.handle.db;
  const usersRepo = new UsersRepo(db);
  const authRepo = new AuthRepo(db);
  const users = new UserService(usersRepo, authRepo, ctx.clock);
  return {
    users,
    userImport: new UserImportService(new UserImportRepo(db), usersRepo, ctx.clock),
    auth: new AuthService(authRepo, usersRepo, users, tenants, ctx.clock, ctx.config),
    apiTokens: new ApiTokenService(authRepo, ctx.clock),
    classes: new ClassService(new ClassesRepo(db), usersRepo, ctx.clock),
    lrsCredentials: new LrsCredentialService(new LrsCredentialsRepo(db), ctx.clock),
  };
}
