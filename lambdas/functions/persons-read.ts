import { lambdaHandler } from '../http/lambda-handler';
import { nestedListRoute, readRoutes } from '../http/record-routes';
import { persons } from '../resources/persons';
import { rounds } from '../resources/rounds';
import { personsQuery } from '../store/keys';

export const routes = {
  ...readRoutes(persons),
  ...nestedListRoute(rounds, persons, (roundId) => personsQuery({ roundId })),
};
export const handler = lambdaHandler('persons-read', routes);
