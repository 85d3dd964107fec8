import type { AppContext } from '../app/services.js';
import type { LrsService } from '../lrs/lrs.service.js';
import type { QuizService } from '../quizzes/quizzes.service.js';
import { UsersRepo } from '../users/users.repo.js';
import { AuthRepo } from './auth.repo.js';
import { DeviceTokensRepo } from './offline-devices.repo.js';
import { DeviceTokenService } from './offline-devices.service.js';

/** The device-token service of the offline learner app, wired from the app's parts. */
export function createDeviceTokenService(
  ctx: AppContext,
  lrs: LrsService,
  quizzes: QuizService,
): DeviceTokenService {
  const db = ctx.handle.db;
  return new DeviceTokenService(
    new DeviceTokensRepo(db),
    new AuthRepo(db),
    new UsersRepo(db),
    lrs,
    quizzes,
    ctx.clock,
    ctx.config,
  );
}
