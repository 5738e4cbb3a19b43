"""What both benches need of the project: regnotify compiled, and the class path to run it with."""

import os
import subprocess


def compile_classpath(root, out):
    """Compiles regnotify and returns its class path: target/classes and its compile dependencies."""
    subprocess.run(["mvn", "-q", "-B", "compile"], cwd=root, check=True)
    # through a file: Maven's console may wrap its standard output in colour codes
    listing = os.path.join(out, "classpath.txt")
    subprocess.run(["mvn", "-q", "-B", "dependency:build-classpath", "-Dmdep.outputFile=" + listing,
                    "-Dmdep.includeScope=compile"], cwd=root, check=True)
    with open(listing) as f:
        return os.path.join(root, "target", "classes") + os.pathsep + f.read().strip()
