import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { Duration } from 'aws-cdk-lib';
import { lambdaFunctions, type FunctionName, type LambdaFunctionSpec, type Route } from '../../lambdas/routes';
import { keyPrefixes } from '../../lambdas/store/key-prefixes';
import { constructIdOf } from '../function/construct-id';
import { RegistryFunction } from '../function/registry-function';

export interface ApiFunctionsProps {
  readonly routes: readonly Route[];
  readonly table: ITableV2;
  readonly corsOrigins: readonly string[];
}

/** A function's own memory and timeout, where the route table gives them (a reconciliation's). */
export const sizing = (spec: LambdaFunctionSpec) => ({
  ...(spec.memoryMb ? { memorySize: spec.memoryMb } : {}),
  ...(spec.timeoutSeconds ? { timeout: Duration.seconds(spec.timeoutSeconds) } : {}),
});

/**
 * One Lambda per function that the routes name, each bound to the table with the access the
 * route table declares for it, on the partitions lambdas/store/key-prefixes.ts gives it. Functions
 * that no route names are not deployed.
 */
export class ApiFunctions extends Construct {
  readonly byName: ReadonlyMap<FunctionName, RegistryFunction>;

  constructor(scope: Construct, id: string, props: ApiFunctionsProps) {
    super(scope, id);
    const names = [...new Set(props.routes.map((route) => route.fn))];
    this.byName = new Map(
      names.map((name) => {
        const spec = lambdaFunctions[name];
        const fn = new RegistryFunction(this, constructIdOf(name), {
          entry: spec.entry,
          description: spec.description,
          corsOrigins: props.corsOrigins,
          ...sizing(spec),
        });
        fn.bindTable(props.table, spec.tableAccess, keyPrefixes[name]);
        return [name, fn];
      }),
    );
  }
}
