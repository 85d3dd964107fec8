import { catalogRoutes } from '../catalog/catalog.routes.js';
import { categoryRoutes } from '../curriculum/categories.routes.js';
import { curriculumRoutes } from '../curriculum/curriculum.routes.js';
import { enrolmentRoutes } from '../enrolments/enrolments.routes.js';
import type { Router } from '../http/route.js';
import { pathRoutes } from '../paths/paths.routes.js';
import { courseAuthoringRoutes } from './courses.routes.js';
import type { CourseServices } from './courses.wiring.js';

export function registerCourseRoutes(router: Router, s: CourseServices): void {
  curriculumRoutes(router, s.curriculum, s.catalogVisibility);
  categoryRoutes(router, s.categories, s.catalogVisibility);
  courseAuthoringRoutes(router, s.courses);
  catalogRoutes(router, {
    catalog: s.catalog,
    visibility: s.catalogVisibility,
    courses: s.courses,
    coursePages: s.coursePages,
  });
  pathRoutes(router, s.paths);
  enrolmentRoutes(router, s.enrolments);
}
