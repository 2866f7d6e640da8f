// The 18 intrinsic functions by name, in one literal.
import type { IntrinsicFunction } from './arguments.js';
import { array } from './functions/array.js';
import { arrayContains } from './functions/array-contains.js';
import { arrayGetItem } from './functions/array-get-item.js';
import { arrayLength } from './functions/array-length.js';
import { arrayPartition } from './functions/array-partition.js';
import { arrayRange } from './functions/array-range.js';
import { arrayUnique } from './functions/array-unique.js';
import { base64Decode } from './functions/base64-decode.js';
import { base64Encode } from './functions/base64-encode.js';
import { format } from './functions/format.js';
import { hash } from './functions/hash.js';
import { jsonMerge } from './functions/json-merge.js';
import { jsonToString } from './functions/json-to-string.js';
import { mathAdd } from './functions/math-add.js';
import { mathRandom } from './functions/math-random.js';
import { stringSplit } from './functions/string-split.js';
import { stringToJson } from './functions/string-to-json.js';
import { uuid } from './functions/uuid.js';

/** Every intrinsic function Step Functions defines. */
export const INTRINSICS: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Format': format,
  'States.StringToJson': stringToJson,
  'States.JsonToString': jsonToString,
  'States.Array': array,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': arrayContains,
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': arrayLength,
  'States.ArrayUnique': arrayUnique,
  'States.Base64Encode': base64Encode,
  'States.Base64Decode': base64Decode,
  'States.Hash': hash,
  'States.JsonMerge': jsonMerge,
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
  'States.StringSplit': stringSplit,
  'States.UUID': uuid,
};
