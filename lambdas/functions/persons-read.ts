import { lambdaHandler } from '../http/lambda-handler';
import { nestedListRoute, readRoutes } from '../http/record-routes';
import { persons } from '../resources/persons';
import { rounds } from '../resources/rounds';
import { personsQuery } from '../store/keys';

const read = readRoutes(persons);

export const routes = {
  'GET /persons': read.list,
  'GET /persons/{id}': read.read,
  'GET /rounds/{id}/persons': nestedListRoute(rounds, persons, (roundId) => personsQuery({ roundId })),
};
export const handler = lambdaHandler('persons-read', routes);
