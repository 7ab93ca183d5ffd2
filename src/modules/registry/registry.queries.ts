import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AnnualReviewChecklist } from './entities/annual-review-checklist.entity';
import { AnnualReview } from './entities/annual-review.entity';
import { Course } from './entities/course.entity';
import { Premises } from './entities/premises.entity';
import { Staff } from './entities/staff.entity';
import { TrainingMaterial } from './entities/training-material.entity';

/** A LIKE/ILIKE pattern containing `s` literally (its wildcards escaped). */
export const like = (s: string): string => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The registry's reads of an institution's records, in one place: the services orchestrate and write
 * inside their transactions; these look rows up outside one (by institution ids already scoped by the
 * caller, or by a record's id before the change is authorised and locked).
 */
@Injectable()
export class RegistryQueries {
  constructor(private readonly dataSource: DataSource) {}

  premisesOf(ids: readonly string[]): Promise<Premises[]> {
    return this.dataSource.getRepository(Premises).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  staffOf(ids: readonly string[]): Promise<Staff[]> {
    return this.dataSource.getRepository(Staff).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  coursesOf(ids: readonly string[]): Promise<Course[]> {
    return this.dataSource.getRepository(Course).find({ where: { institutionId: In([...ids]) }, order: { createdAt: 'ASC' } });
  }

  materialsOf(ids: readonly string[]): Promise<TrainingMaterial[]> {
    return this.dataSource.getRepository(TrainingMaterial).find({ where: { institutionId: In([...ids]) }, order: { submittedAt: 'DESC' } });
  }

  reviewsOf(ids: readonly string[]): Promise<AnnualReview[]> {
    return this.dataSource.getRepository(AnnualReview).find({ where: { institutionId: In([...ids]) }, order: { year: 'DESC' } });
  }

  checklist(year: number): Promise<AnnualReviewChecklist | null> {
    return this.dataSource.getRepository(AnnualReviewChecklist).findOneBy({ year });
  }

  premisesById(id: string): Promise<Premises | null> {
    return this.dataSource.getRepository(Premises).findOneBy({ id });
  }

  staffById(id: string): Promise<Staff | null> {
    return this.dataSource.getRepository(Staff).findOneBy({ id });
  }

  courseById(id: string): Promise<Course | null> {
    return this.dataSource.getRepository(Course).findOneBy({ id });
  }

  materialById(id: string): Promise<TrainingMaterial | null> {
    return this.dataSource.getRepository(TrainingMaterial).findOneBy({ id });
  }
}
