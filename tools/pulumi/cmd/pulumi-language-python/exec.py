"""Runs one Pulumi Python program for pulumi-language-python (main.go embeds this file).

The host passes the engine's settings as flags and the stack config in PULUMI_CONFIG and
PULUMI_CONFIG_SECRET_KEYS. This script hands them to the `pulumi` package's runtime, runs the
program's entry point as `__main__` inside the stack resource, and reports a failure to the engine
once, exiting with EXIT_REPORTED so the host adds nothing to it.
"""

import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

# The exit code that tells the host "the error has been reported to the engine already".
EXIT_REPORTED = 32


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="pulumi-language-python exec")
    parser.add_argument("--monitor", required=True, help="the resource monitor's gRPC address")
    parser.add_argument("--engine", required=True, help="the engine's gRPC address")
    parser.add_argument("--project", required=True)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--pwd", required=True, help="the program directory, made the working directory")
    parser.add_argument("--dry_run", choices=["true", "false"], default="false")
    parser.add_argument("--parallel", type=int, default=0)
    parser.add_argument("--organization", default=None)
    parser.add_argument("--root_directory", default=None, help="where Pulumi.yaml is")
    parser.add_argument("program", help="the entry point: a directory with __main__.py, or a .py file")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    try:
        import pulumi
        import pulumi.runtime
    except ImportError as error:
        # Nothing can be reported to the engine without the runtime; stderr reaches the user.
        print(
            f"The `pulumi` package can't be imported by {sys.executable} ({error}): install the program's "
            "requirements (`pip install -r requirements.txt`) into the virtualenv Pulumi.yaml names.",
            file=sys.stderr,
        )
        return 1

    pulumi.runtime.set_all_config(
        pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env()
    )
    pulumi.runtime.configure(
        pulumi.runtime.Settings(
            monitor=args.monitor,
            engine=args.engine,
            project=args.project,
            stack=args.stack,
            parallel=args.parallel,
            dry_run=args.dry_run == "true",
            organization=args.organization,
            root_directory=args.root_directory,
        )
    )

    os.chdir(args.pwd)
    entry_file = os.path.abspath(args.program)
    if os.path.isdir(entry_file):
        entry_file = os.path.join(entry_file, "__main__.py")
    if not os.path.isfile(entry_file):
        pulumi.log.error(f"{entry_file} does not exist: put the program there, or name its file in Pulumi.yaml's `main`.")
        return EXIT_REPORTED
    sys.argv = [args.program, *args.args]

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # The SDK makes its blocking gRPC calls on the loop's default executor: size it by the engine's
    # --parallel so that many resources can register at once.
    executor = ThreadPoolExecutor(max_workers=max(args.parallel, 1) * 4)
    loop.set_default_executor(executor)
    # A failed program leaves futures nobody awaited, and asyncio logs each one when the process
    # ends; they say nothing about the program's error, so keep them out of the output.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    try:
        loop.run_until_complete(
            pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.program, run_name="__main__"))
        )
        return 0
    except pulumi.RunError as error:
        # RunError is how a program (or the runtime) stops with a message for the user: the
        # sentence alone, as Pulumi's own host shows it, without a traceback.
        pulumi.log.error(str(error))
        return EXIT_REPORTED
    except Exception as error:  # an unexpected failure: the traceback helps, from the program's frames on
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_traceback(error, entry_file))
        return EXIT_REPORTED
    finally:
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()


def user_traceback(error, entry_file):
    """The traceback of error from the program's entry file on, without the frames of this script,
    asyncio, the runtime and runpy that lead to it (all of it when the entry file isn't in it)."""
    tb = error.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != entry_file:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
