import { Forbidden } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

/** A township officer asked for the county or another township's dashboard. */
export const dashboardOutOfScope = (townshipCode: string | undefined): Forbidden =>
  new Forbidden(
    townshipCode
      ? text(
          `A township officer sees only their own township's dashboard, not ${townshipCode}`,
          `乡镇工作人员只能查看本乡镇的数据看板，不能查看 ${townshipCode}`,
        )
      : text(
          'A township officer sees only their own township, not the county',
          '乡镇工作人员只能查看本乡镇的数据，不能查看全县数据',
        ),
  );
