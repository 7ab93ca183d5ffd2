import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { HomeworkBreachService } from '../homework-breach.service';

/** Homework over the time limit (作业超时): tell the school and EDU, count the school's breaches. */
@Injectable()
export class HomeworkBreachSubscriber {
  constructor(private readonly breaches: HomeworkBreachService) {}

  @OnEvent('after_school.homework.limit_exceeded', { name: 'after_school.count-homework-breach' })
  async onLimitExceeded(event: DomainEvent<'after_school.homework.limit_exceeded'>, em: EntityManager): Promise<void> {
    await this.breaches.onBreach(em, event.payload);
  }
}
