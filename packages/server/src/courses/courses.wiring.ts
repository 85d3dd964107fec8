import { CatalogCache } from '../catalog/catalog.cache.js';
import { CatalogRepo } from '../catalog/catalog.repo.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogVisibility, type SignupPolicySource } from '../catalog/catalog.visibility.js';
import { CategoriesRepo } from '../curriculum/categories.repo.js';
import { CategoryService } from '../curriculum/categories.service.js';
import { CurriculumRepo } from '../curriculum/curriculum.repo.js';
import { CurriculumService } from '../curriculum/curriculum.service.js';
import type { Db } from '../db/database.js';
import { EnrolmentsRepo } from '../enrolments/enrolments.repo.js';
import { EnrolmentService } from '../enrolments/enrolments.service.js';
import { PathsRepo } from '../paths/paths.repo.js';
import { PathService } from '../paths/paths.service.js';
import type { Clock } from '../platform/clock.js';
import { CoursePageService } from './courses.page.js';
import { CoursesRepo } from './courses.repo.js';
import { CourseService } from './courses.service.js';

/** The services of curriculum, courses, catalog, paths and enrolments. */
export interface CourseServices {
  curriculum: CurriculumService;
  categories: CategoryService;
  courses: CourseService;
  catalog: CatalogService;
  catalogCache: CatalogCache;
  catalogVisibility: CatalogVisibility;
  coursePages: CoursePageService;
  enrolments: EnrolmentService;
  paths: PathService;
}

export function createCourseServices(db: Db, clock: Clock, tenants: SignupPolicySource): CourseServices {
  const catalogCache = new CatalogCache(clock);
  const catalogRepo = new CatalogRepo(db);
  const curriculum = new CurriculumService(new CurriculumRepo(db), clock);
  const categories = new CategoryService(new CategoriesRepo(db), clock, (tenantId) =>
    catalogCache.invalidate(tenantId),
  );
  const courses = new CourseService(new CoursesRepo(db), curriculum, categories, catalogCache, clock);
  const pathsRepo = new PathsRepo(db);
  const enrolments = new EnrolmentService(new EnrolmentsRepo(db), pathsRepo, catalogRepo, courses, clock);
  return {
    curriculum,
    categories,
    courses,
    catalog: new CatalogService(catalogRepo, categories, catalogCache),
    catalogCache,
    catalogVisibility: new CatalogVisibility(tenants, clock),
    coursePages: new CoursePageService(courses, catalogRepo, enrolments),
    enrolments,
    paths: new PathService(pathsRepo, courses, catalogRepo, enrolments, clock),
  };
}
