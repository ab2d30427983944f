<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: a form to fill in (see _form.xsl for the controls). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="form/errors/error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="form/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:value-of select="form/title"/></h1>
    <xsl:if test="notice"><p class="notice" role="status"><xsl:value-of select="notice"/></p></xsl:if>
    <xsl:if test="form/@id = 'concern'">
      <div class="callout urgent">
        <p><strong><xsl:value-of select="i:t('Is a child in danger now? Phone the child welfare emergency service (barnevernvakten) or the police on 112 first.')"/></strong></p>
      </div>
    </xsl:if>
    <xsl:apply-templates select="form" mode="edit"/>
  </xsl:template>
</xsl:stylesheet>
