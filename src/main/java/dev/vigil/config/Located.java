package dev.vigil.config;

/** Something in the config file an error can point at: a JSON path and the line and column where it starts. */
interface Located {
    String path();

    int line();

    int column();
}
