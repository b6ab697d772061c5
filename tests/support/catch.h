// Catch2 2 (Debian 12) / Catch2 3 (Debian 13) compatibility.
#pragma once

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#include <catch2/generators/catch_generators_adapters.hpp>
#include <catch2/generators/catch_generators_range.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#define MPENC_CATCH3 1
#else
#include <catch2/catch.hpp>
#define MPENC_CATCH3 0
#endif
