<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl: an error page: what went wrong and what to do. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Something is wrong')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="i:t('Something is wrong')"/></h1>
    <p class="error-text" role="alert"><xsl:value-of select="message"/></p>
    <p><a href="/"><xsl:value-of select="i:t('Go to the start page')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
