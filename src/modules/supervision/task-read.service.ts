import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { SupervisionTask } from './entities/supervision-task.entity';
import { taskNotFound } from './supervision.errors';
import { TaskStatus } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { TaskFilter, UUID } from './supervision.types';
import { canReadTask } from './supervision.access';

/** Reading supervision tasks (督导检查, 联合执法, 整改复查): the caller's list, one task, whether it is overdue. */
@Injectable()
export class TaskReadService {
  constructor(
    private readonly queries: SupervisionQueries,
    private readonly clock: Clock,
  ) {}

  list(actor: Principal, filter: TaskFilter, page: PageArgs): Promise<Connection<SupervisionTask>> {
    return this.queries.listTasks(actor, filter, page);
  }

  async get(actor: Principal, id: string): Promise<SupervisionTask> {
    const task = UUID.test(id) ? await this.queries.taskById(id) : null;
    if (!task || !canReadTask(actor, task)) throw taskNotFound(id);
    return task;
  }

  isOverdue(task: Pick<SupervisionTask, 'status' | 'dueAt'>): boolean {
    return (
      (task.status === TaskStatus.ASSIGNED ||
        task.status === TaskStatus.IN_PROGRESS ||
        task.status === TaskStatus.RETURNED) &&
      task.dueAt.getTime() < this.clock.now().getTime()
    );
  }
}
