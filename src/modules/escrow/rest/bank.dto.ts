import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_BATCH_ITEMS = 1000;

/** Envelope of POST /statements: 1–1,000 items; each item is checked on its own (INVALID, not 400). */
export class StatementsBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  statements!: unknown[];
}

export class TransactionsBody {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  transactions!: unknown[];
}

export class AccountsQuery {
  @IsOptional()
  @IsIn(['ACTIVE', 'FROZEN', 'CLOSED'])
  status?: 'ACTIVE' | 'FROZEN' | 'CLOSED';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class InstructionsQuery {
  @IsOptional()
  @IsIn(['PENDING', 'EXECUTED', 'REFUSED'])
  status?: 'PENDING' | 'EXECUTED' | 'REFUSED';
}

export class AckBody {
  @IsIn(['EXECUTED', 'REFUSED'])
  outcome!: 'EXECUTED' | 'REFUSED';

  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'executedAt must carry an offset (Z or ±hh:mm)' })
  executedAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
