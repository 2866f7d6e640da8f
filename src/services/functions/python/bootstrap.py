# eddy's Python bootstrap: stands in for Lambda's Python runtime interface client inside one instance.
# It imports the handler module once (Lambda's init phase), then runs one invocation per request read
# from fd 3, replying on fd 4 with one JSON document per line (the shapes of runtime/protocol.ts).
# Errors take the shape Lambda's Python runtime gives them:
# {"errorMessage", "errorType" (the exception class), "requestId", "stackTrace" (traceback frames)}.
import importlib
import json
import logging
import os
import resource
import sys
import time
import traceback

REQUESTS = os.fdopen(3, "r", encoding="utf-8")
REPLIES = os.fdopen(4, "w", encoding="utf-8")
current_request_id = None


def send(message):
    REPLIES.write(json.dumps(message) + "\n")
    REPLIES.flush()


# CloudWatch keeps at most 256 KB per log event; longer lines are cut here, before they cross to eddy
# (as MAX_LOG_LINE_CHARS in runtime/log-lines.ts), so eddy never decodes a 10 MB reply line.
MAX_LOG_LINE_CHARS = 256 * 1024
# Lambda refuses a larger response (runtime/lambda-errors.ts, RESPONSE_PAYLOAD_BYTES).
RESPONSE_PAYLOAD_BYTES = 6291556


class Capture:
    """Replaces sys.stdout / sys.stderr: what the handler prints reaches eddy before the reply."""

    def __init__(self, stream):
        self.stream = stream
        self.encoding = "utf-8"
        self.line_chars = 0

    def write(self, text):
        text = str(text)
        kept = self.cap(text)
        if kept:
            send({"type": "log", "stream": self.stream, "text": kept})
        return len(text)

    def cap(self, text):
        pieces = []
        for i, line in enumerate(text.split("\n")):
            if i > 0:
                pieces.append("\n")
                self.line_chars = 0
            room = MAX_LOG_LINE_CHARS - self.line_chars
            if room > 0 and line:
                piece = line[:room]
                pieces.append(piece)
                self.line_chars += len(piece)
        return "".join(pieces)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id
        return True


def setup_logging():
    # Lambda's format for the logging module: "[LEVEL]\t<time>Z\t<request id>\t<message>".
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def frames(tb):
    return traceback.format_list(traceback.extract_tb(tb))


def error_document(error, error_type=None, message=None, stack=None):
    return {
        "errorMessage": message if message is not None else str(error),
        "errorType": error_type or type(error).__name__,
        "requestId": current_request_id or "",
        "stackTrace": stack if stack is not None else frames(error.__traceback__),
    }


def load_handler(module_path):
    export = os.environ.get("EDDY_HANDLER_EXPORT", "")
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        return error_document(error, "Runtime.ImportModuleError",
                              "Unable to import module '%s': %s" % (module_path, error), [])
    except SyntaxError as error:
        detail = "%s (%s, line %s)" % (error.msg, os.path.basename(error.filename or ""), error.lineno)
        return error_document(error, "Runtime.UserCodeSyntaxError",
                              "Syntax error in module '%s': %s" % (module_path, detail), [])
    except Exception as error:  # the module raised while initialising
        return error_document(error)
    handler = module
    for part in export.split("."):
        handler = getattr(handler, part, None)
    if not callable(handler):
        return error_document(None, "Runtime.HandlerNotFound",
                              "Handler '%s' missing on module '%s'" % (export, module_path), [])
    return handler


class LambdaContext:
    def __init__(self, request):
        env = os.environ
        self.aws_request_id = request["requestId"]
        self.invoked_function_arn = request["context"]["invokedFunctionArn"]
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = request["context"]["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def memory_mb():
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def invoke(handler, request):
    global current_request_id
    current_request_id = request["requestId"]
    # Lambda sets the trace header per invocation; AWS SDKs forward it on the handler's own calls.
    trace_header = request["context"].get("traceHeader")
    if trace_header:
        os.environ["_X_AMZN_TRACE_ID"] = trace_header
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    reply = {"type": "done", "requestId": current_request_id}
    try:
        event = json.loads(request["payload"]) if request["payload"] else {}
        result = handler(event, LambdaContext(request))
        try:
            payload = json.dumps(result)
            if len(payload.encode("utf-8")) > RESPONSE_PAYLOAD_BYTES:
                reply.update(ok=False, error={
                    "errorType": "Function.ResponseSizeTooLarge",
                    "errorMessage": "Response payload size exceeded maximum allowed payload size (%d bytes)."
                    % RESPONSE_PAYLOAD_BYTES})
            else:
                reply.update(ok=True, payload=payload)
        except (TypeError, ValueError) as error:
            reply.update(ok=False, error=error_document(
                error, "Runtime.MarshalError", "Unable to marshal response: %s" % error, []))
    except Exception as error:
        # Lambda's Python runtime drops its own frame from the traceback: keep the handler's frames.
        stack = frames(error.__traceback__)[1:]
        reply.update(ok=False, error=error_document(error, stack=stack))
    reply["maxMemoryMB"] = memory_mb()
    sys.stdout.flush()
    send(reply)
    current_request_id = None


def serve(loaded):
    for line in REQUESTS:
        if line.strip():
            request = json.loads(line)
            if request.get("type") == "invoke":
                invoke(loaded, request)


def main():
    sys.stdout = Capture("stdout")
    sys.stderr = Capture("stderr")
    setup_logging()
    sys.path.insert(0, os.getcwd())
    # Every process boots as a standby (maybe ahead of need) and learns its module from a `load` request.
    module_path = None
    for line in REQUESTS:
        request = json.loads(line) if line.strip() else {}
        if request.get("type") == "load":
            module_path = request["file"]
            break
    if not module_path:
        return
    loaded = load_handler(module_path)
    if isinstance(loaded, dict):
        send({"type": "initError", "error": loaded})
        REQUESTS.read()  # wait for eddy to stop this instance (or to go away)
        return
    send({"type": "ready"})
    serve(loaded)


main()
# The request pipe closed: eddy went away. Leave at once, whatever threads the handler started.
os._exit(0)
